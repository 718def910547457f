using Segmentation.Cli.Tests.Claims;

namespace Segmentation.Cli.Tests;

public sealed class JitProfileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segjit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("sweep", "sweep", "configs/kmeans.yaml")]
    [InlineData("sweep", "sweep", "--json", "grid.yaml")]
    [InlineData("data-ingest", "data", "ingest", "--params", "params.yaml")]
    [InlineData("runs-list", "runs", "list")]
    [InlineData("serve", "serve", "models:/segments@champion")]
    [InlineData(null, "--version")]
    [InlineData(null, "--help")]
    [InlineData(null, "Sweep")]
    [InlineData(null)]
    public void CommandName_LeadingPlainWords_AtMostTwo(string? expected, params string[] args) =>
        Assert.Equal(expected, JitProfile.CommandName(args));

    [Fact]
    public void Folder_ConfiguredOrOff_WinsOverTheCache()
    {
        var configured = Path.Combine(_dir, "profiles");

        Assert.Equal(configured, JitProfile.Folder(Env((JitProfile.Variable, configured), ("XDG_CACHE_HOME", "/elsewhere"))));
        Assert.Null(JitProfile.Folder(Env((JitProfile.Variable, " OFF "), ("HOME", _dir))));
    }

    [Fact]
    public void Folder_Unset_UserCacheFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            Assert.Equal(Path.Combine(local, "segmentation", "jit"), JitProfile.Folder(Env()));
            return;
        }

        Assert.Equal("/x/cache/segmentation/jit", JitProfile.Folder(Env(("XDG_CACHE_HOME", "/x/cache"), ("HOME", "/home/u"))));
        // A relative XDG_CACHE_HOME is invalid (XDG base directory spec) and ignored.
        Assert.Equal("/home/u/.cache/segmentation/jit", JitProfile.Folder(Env(("XDG_CACHE_HOME", "cache"), ("HOME", "/home/u"))));
        Assert.Equal("/home/u/.cache/segmentation/jit", JitProfile.Folder(Env(("HOME", "/home/u"))));
        Assert.Null(JitProfile.Folder(Env()));
    }

    [Fact]
    public void Installation_SamePathSameName_OtherPathOther()
    {
        var name = JitProfile.Installation("/opt/segment/tools/");

        Assert.Matches("^[0-9a-f]{16}$", name);
        Assert.Equal(name, JitProfile.Installation("/opt/segment/tools/"));
        Assert.NotEqual(name, JitProfile.Installation("/work/repo/src/Segmentation.Cli/bin/Release/net10.0/"));
    }

    [Fact]
    public async Task Command_TwoRuns_ProfileWrittenAndReplacedWithoutLeavingItsCopy()
    {
        var profiles = Path.Combine(_dir, "jit");
        // The child is the CLI of this test build, in its output folder.
        var installation = Path.Combine(profiles, JitProfile.Installation(Path.GetDirectoryName(CliProcess.CliDll)!));
        var profile = Path.Combine(installation, "version.jitprofile");

        await RunVersionAsync(profiles);
        if (Environment.ProcessorCount < 2)
        {
            // The runtime's multi-core JIT needs a second core; on one there is nothing to keep.
            Assert.False(Directory.Exists(profiles) && Directory.EnumerateFileSystemEntries(profiles).Any());
            return;
        }

        var first = new FileInfo(profile);
        Assert.True(first.Exists, $"{profile} was not written");
        Assert.True(first.Length > 0);
        File.SetLastWriteTimeUtc(profile, DateTime.UnixEpoch);

        await RunVersionAsync(profiles);

        Assert.True(File.GetLastWriteTimeUtc(profile) > DateTime.UnixEpoch, "the second run did not write the profile again");
        Assert.Equal(["version.jitprofile"], Directory.GetFiles(installation).Select(Path.GetFileName));
        Assert.Equal([installation], Directory.GetDirectories(profiles));
    }

    [Fact]
    public async Task Command_CopiesOfKilledRuns_OnlyThoseOlderThanADayRemoved()
    {
        var profiles = Path.Combine(_dir, "jit");
        var installation = Directory.CreateDirectory(Path.Combine(profiles, JitProfile.Installation(Path.GetDirectoryName(CliProcess.CliDll)!))).FullName;
        var stale = Path.Combine(installation, "sweep.4242-00c0ffee.jitprofile.tmp");
        var recent = Path.Combine(installation, "sweep.4343-0badf00d.jitprofile.tmp");
        File.WriteAllText(stale, "left by a killed run");
        File.WriteAllText(recent, "a running sweep's copy");
        File.SetLastWriteTimeUtc(stale, TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-2));

        await RunVersionAsync(profiles);

        // One core: no profile is kept, so the folder is not looked at either.
        Assert.Equal(Environment.ProcessorCount < 2, File.Exists(stale));
        Assert.True(File.Exists(recent));
    }

    [Fact]
    public async Task Command_FolderCannotBeMade_CommandStillSucceeds()
    {
        // A file where the folder should be: no profile, and no error either.
        var blocked = Path.Combine(_dir, "not-a-folder");
        File.WriteAllText(blocked, "");

        await RunVersionAsync(Path.Combine(blocked, "jit"));
    }

    private async Task RunVersionAsync(string profiles)
    {
        using var cli = CliProcess.Start(_dir, new Dictionary<string, string> { [JitProfile.Variable] = profiles }, "version");
        var (code, output, error) = await cli.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(code == 0, $"segment version exited {code}: {output}\n{error}");
        Assert.Empty(error);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
