using System.Security.Cryptography;
using System.Text.Json;
using Segmentation.Tracking;
using Segmentation.Tracking.Models;

namespace Segmentation.Serving.Models;

/// <summary>
/// Downloaded model folders, one per registry version (or run), each with a manifest of its files' SHA-256 digests:
/// a cached folder is used only when its run matches and every file still hashes to its digest, else it is fetched again.
/// </summary>
/// <param name="root">The cache folder (see <see cref="ResolveRoot"/>).</param>
public sealed class ModelCache(string root)
{
    /// <summary>Environment variable that moves the cache.</summary>
    public const string EnvironmentVariable = "SEGMENTATION_MODEL_CACHE";

    /// <summary>The default cache folder, relative to the working directory.</summary>
    public const string DefaultFolder = ".segmentation/models";

    private const string ManifestFile = ".segmentation-cache.json";

    /// <summary>The cache root folder.</summary>
    public string Root { get; } = Path.GetFullPath(root ?? throw new ArgumentNullException(nameof(root)));

    /// <summary>The explicit folder, else <see cref="EnvironmentVariable"/>, else <see cref="DefaultFolder"/> under the working directory.</summary>
    public static string ResolveRoot(string? explicitRoot, Func<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var chosen = explicitRoot ?? environment(EnvironmentVariable);
        return Path.GetFullPath(Path.Combine(workingDirectory, string.IsNullOrEmpty(chosen) ? DefaultFolder : chosen));
    }

    /// <summary>The verified model folder of <paramref name="model"/>, downloading it when absent or when the cached copy fails verification.</summary>
    /// <returns>The folder and whether it came from the cache.</returns>
    public async Task<(ModelFolder Folder, bool CacheHit)> GetAsync(ITrackingStore store, ResolvedModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(model);
        var runId = model.RunId ?? throw new ArgumentException("a folder reference is not cached", nameof(model));
        var folder = model.Name is null
            ? Path.Combine(Root, "runs", runId)
            : Path.Combine(Root, "registry", Safe(model.Name), model.Version!);
        if (Verified(folder, runId))
        {
            return (ModelFolder.Read(folder), true);
        }

        // Download beside the final folder and move it in only when complete, so a crash never leaves a half folder behind.
        var staging = folder + ".download-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var downloaded = await ModelFolder.DownloadAsync(store, runId, staging, cancellationToken).ConfigureAwait(false);
            if (downloaded.RunId is { } written && !string.Equals(written, runId, StringComparison.Ordinal))
            {
                throw new Tracking.Errors.ModelFolderException(
                    Path.Combine(staging, ModelFolder.MlModelFile), $"the model folder of run {runId} says it belongs to run {written}: it was copied from another run");
            }

            WriteManifest(staging, runId);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
            Directory.Move(staging, folder);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return (ModelFolder.Read(folder), false);
    }

    private static bool Verified(string folder, string runId)
    {
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            return false;
        }

        try
        {
            var manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifestPath));
            if (manifest is null || manifest.GetValueOrDefault("run_id") != runId)
            {
                return false;
            }

            var files = Files(folder);
            return files.Count == manifest.Count - 1 && files.All(f => manifest.GetValueOrDefault("sha256:" + f.Relative) == Digest(f.Full));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void WriteManifest(string folder, string runId)
    {
        var manifest = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["run_id"] = runId };
        foreach (var (relative, full) in Files(folder))
        {
            manifest["sha256:" + relative] = Digest(full);
        }

        File.WriteAllText(Path.Combine(folder, ManifestFile), JsonSerializer.Serialize(manifest));
    }

    private static List<(string Relative, string Full)> Files(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Relative: Path.GetRelativePath(folder, f).Replace('\\', '/'), Full: f))
            .Where(f => f.Relative != ManifestFile)
            .OrderBy(f => f.Relative, StringComparer.Ordinal)];

    private static string Digest(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    // Registered model names may hold characters a file system refuses; the hash keeps distinct names apart.
    private static string Safe(string name)
    {
        var plain = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
        return plain + "-" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..8];
    }
}
