using System.Runtime;
using System.Text.RegularExpressions;

namespace Segmentation.Cli;

/// <summary>
/// The runtime's multi-core JIT for one command: the methods the command's last run had to JIT-compile are compiled
/// again on a background thread from the start, ahead of the threads that will call them.
/// </summary>
/// <remarks>
/// Why: the composite ReadyToRun image still leaves a sweep ~620 methods to compile at run time — the kernels marked
/// <c>AggressiveOptimization</c> (never precompiled, so that they are compiled for the machine's vector width) and
/// generic instantiations the image lacks — about a quarter of a second of CPU, most of it on serial paths: start-up and
/// the ingest's parser, the first trials' kernels, the report. Replayed on the core that start-up leaves idle, most of it
/// comes off those paths. Measured with and without a profile, alternating runs, 2 cores (bench/sweep/README.md, session
/// 15): the bench/sweep grid −0.4 to −5.5 % wall (−3 % the median) in six A/Bs of 10–20 runs (CPU +1–2 %: the replay
/// also compiles methods a run does not reach); a fresh `data ingest` 0.446 → 0.418 s; a cached re-ingest 0.133 → 0.121 s.
/// <para>
/// Each command (its verb and sub-verb) of each installation has its own profile in the user's cache folder
/// (<c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>, then <c>segmentation/jit/</c> and <see cref="Installation"/>);
/// <see cref="Variable"/> names another folder, or <c>off</c>. The first run of a command records it; every run replays it
/// and records it afresh. The runtime reads the profile it is given
/// when recording starts and writes the same file when recording stops, so two commands ending at once could interleave
/// their writes: each process records into its own copy and renames it over the shared profile at the end (a rename
/// is atomic; the last one wins). A profile of another build is harmless: the runtime skips the assemblies whose MVID
/// differs. Nothing here may fail a command: a folder that cannot be written only means no profile.
/// </para>
/// </remarks>
public sealed partial class JitProfile : IDisposable
{
    /// <summary>The environment variable naming the profiles' folder, or <c>off</c>.</summary>
    public const string Variable = "SEGMENTATION_JIT_PROFILES";

    private const string Extension = ".jitprofile";

    private const string OwnSuffix = ".tmp";

    /// <summary>A process killed before it renamed its copy leaves it behind; a later run removes it after this long.</summary>
    private static readonly TimeSpan OrphanAge = TimeSpan.FromDays(1);

    private readonly string _shared;
    private readonly string _own;

    private JitProfile(string shared, string own)
    {
        _shared = shared;
        _own = own;
    }

    /// <summary>
    /// Starts the replay and recording of the profile of the command <paramref name="args"/> name, or returns null when
    /// there is none to keep: no verb, one core (the runtime's multi-core JIT needs a second), or profiles turned off.
    /// </summary>
    public static JitProfile? Start(IReadOnlyList<string> args, Func<string, string?> environment, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(clock);
        var name = CommandName(args);
        var folder = Folder(environment);
        if (name is null || folder is null || Environment.ProcessorCount < 2)
        {
            return null;
        }

        // One folder per installation: the same command of the installed tool (precompiled), of `dotnet run` and of a test
        // build (compiled at run time) JIT-compiles different methods, and replaying the others' profile would compile
        // at run time what the image already holds.
        folder = Path.Combine(folder, Installation(AppContext.BaseDirectory));
        try
        {
            Directory.CreateDirectory(folder);
            RemoveOrphans(folder, clock.GetUtcNow().UtcDateTime);
            var shared = Path.Combine(folder, name + Extension);
            // The process id names the copy for whoever finds it left over; the random part keeps two processes of the same id
            // (in two containers sharing a home folder) apart.
            var ownName = $"{name}.{Environment.ProcessId}-{Random.Shared.Next():x8}{Extension}{OwnSuffix}";
            var own = Path.Combine(folder, ownName);
            if (File.Exists(shared))
            {
                File.Copy(shared, own, overwrite: true);
            }

            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile(ownName);
            return new JitProfile(shared, own);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Stops recording (the runtime writes this process's copy) and puts the copy in place of the shared profile.</summary>
    public void Dispose()
    {
        ProfileOptimization.StartProfile(null);
        try
        {
            if (File.Exists(_own))
            {
                File.Move(_own, _shared, overwrite: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another process's rename or a read-only cache: the next run records again.
        }
    }

    /// <summary>
    /// The profile's name: the leading plain words of the command line (<c>sweep</c>, <c>data-ingest</c>), at most two; null
    /// when it starts with an option (<c>--version</c>, <c>--help</c>), which has nothing worth replaying.
    /// </summary>
    public static string? CommandName(IReadOnlyList<string> args)
    {
        var words = args.Take(2).TakeWhile(a => Word().IsMatch(a)).ToArray();
        return words.Length == 0 ? null : string.Join('-', words);
    }

    /// <summary>The profiles' folder: <see cref="Variable"/>, else the user's cache folder; null when off or there is no home.</summary>
    public static string? Folder(Func<string, string?> environment)
    {
        var configured = environment(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return string.Equals(configured.Trim(), "off", StringComparison.OrdinalIgnoreCase) ? null : Path.GetFullPath(configured);
        }

        // XDG's rule: a relative XDG_CACHE_HOME is invalid and ignored.
        var cache = environment("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache) || !Path.IsPathRooted(cache))
        {
            var home = OperatingSystem.IsWindows()
                ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : environment("HOME");
            if (string.IsNullOrEmpty(home))
            {
                return null;
            }

            cache = OperatingSystem.IsWindows() ? home : Path.Combine(home, ".cache");
        }

        return Path.Combine(cache, "segmentation", "jit");
    }

    /// <summary>A short name for the installation in <paramref name="baseDirectory"/>, the same in every process: its path's 64-bit FNV-1a.</summary>
    /// <remarks>Not a cryptographic hash: it only tells folders apart, and SHA-256 would load OpenSSL into every start-up.</remarks>
    public static string Installation(string baseDirectory)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in Path.TrimEndingDirectorySeparator(Path.GetFullPath(baseDirectory)))
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void RemoveOrphans(string folder, DateTime now)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*" + Extension + OwnSuffix))
        {
            if (now - File.GetLastWriteTimeUtc(file) > OrphanAge)
            {
                File.Delete(file);
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
