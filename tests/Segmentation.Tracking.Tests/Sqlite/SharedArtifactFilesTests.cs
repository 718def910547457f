using System.Text;
using Segmentation.Tracking.Sqlite;

namespace Segmentation.Tracking.Tests.Sqlite;

public sealed class SharedArtifactFilesTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "seg-shared-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteTrackingStore _store;

    public SharedArtifactFilesTests()
    {
        Directory.CreateDirectory(_directory);
        _store = SqliteTrackingStore.Open(Path.Combine(_directory, "mlflow.db"), TimeProvider.System);
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Upload_SameSmallBytesToManyRuns_OneFileLinkedEverywhereEachReadsItsBytes()
    {
        var bytes = Encoding.UTF8.GetBytes("mlflow==2.17.2\n");
        var runs = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var run = await _store.CreateRunAsync(new Segmentation.Tracking.Runs.CreateRunRequest("0", "run" + i, 0), CancellationToken.None);
            runs.Add(run.Info.RunId);
            await _store.UploadArtifactContentAsync(run.Info.RunId, "model/requirements.txt", bytes);
            await _store.UploadArtifactContentAsync(run.Info.RunId, "model/unique.txt", Encoding.UTF8.GetBytes("run " + i));
        }

        var paths = runs.Select(r => Path.Combine(ArtifactDirectory(r), "model", "requirements.txt")).ToList();
        Assert.All(paths, p => Assert.Equal(bytes, File.ReadAllBytes(p)));
        if (OperatingSystem.IsLinux())
        {
            // One inode for the four copies (a link count of 4); the run-specific file stays each run's own.
            Assert.All(paths, p => Assert.Equal(4, LinkCount(p)));
            Assert.Equal(1, LinkCount(Path.Combine(ArtifactDirectory(runs[0]), "model", "unique.txt")));
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(ArtifactDirectory(runs[0]), "model"), "*.tmp"));
    }

    [Fact]
    public async Task Upload_FirstCopyEditedSince_WritesANewFileAndNeverLinksToTheEditedOne()
    {
        var bytes = Encoding.UTF8.GetBytes("python: 3.11\n");
        var first = (await _store.CreateRunAsync(new Segmentation.Tracking.Runs.CreateRunRequest("0", "a", 0), CancellationToken.None)).Info.RunId;
        var second = (await _store.CreateRunAsync(new Segmentation.Tracking.Runs.CreateRunRequest("0", "b", 0), CancellationToken.None)).Info.RunId;
        var third = (await _store.CreateRunAsync(new Segmentation.Tracking.Runs.CreateRunRequest("0", "c", 0), CancellationToken.None)).Info.RunId;
        await _store.UploadArtifactContentAsync(first, "env.yaml", bytes);
        var firstPath = Path.Combine(ArtifactDirectory(first), "env.yaml");
        File.Delete(firstPath);
        File.WriteAllText(firstPath, "edited by hand\n");

        await _store.UploadArtifactContentAsync(second, "env.yaml", bytes);
        await _store.UploadArtifactContentAsync(third, "env.yaml", bytes);

        Assert.Equal("edited by hand\n", File.ReadAllText(firstPath));
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(ArtifactDirectory(second), "env.yaml")));
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(ArtifactDirectory(third), "env.yaml")));
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(1, LinkCount(firstPath));
            Assert.Equal(2, LinkCount(Path.Combine(ArtifactDirectory(third), "env.yaml")));
        }
    }

    [Fact]
    public async Task Upload_ReplacingALinkedCopy_LeavesTheOtherCopiesAsTheyWere()
    {
        var bytes = Encoding.UTF8.GetBytes("shared\n");
        var a = (await _store.CreateRunAsync(new Segmentation.Tracking.Runs.CreateRunRequest("0", "a", 0), CancellationToken.None)).Info.RunId;
        var b = (await _store.CreateRunAsync(new Segmentation.Tracking.Runs.CreateRunRequest("0", "b", 0), CancellationToken.None)).Info.RunId;
        await _store.UploadArtifactContentAsync(a, "f.txt", bytes);
        await _store.UploadArtifactContentAsync(b, "f.txt", bytes);

        await _store.UploadArtifactContentAsync(b, "f.txt", Encoding.UTF8.GetBytes("replaced\n"));

        Assert.Equal("shared\n", File.ReadAllText(Path.Combine(ArtifactDirectory(a), "f.txt")));
        Assert.Equal("replaced\n", File.ReadAllText(Path.Combine(ArtifactDirectory(b), "f.txt")));
    }

    [Fact]
    public async Task Upload_LargeIdenticalBytes_EachRunGetsItsOwnFile()
    {
        var bytes = new byte[SharedArtifactFiles.MaxSharedBytes + 1];
        var a = (await _store.CreateRunAsync(new Segmentation.Tracking.Runs.CreateRunRequest("0", "a", 0), CancellationToken.None)).Info.RunId;
        var b = (await _store.CreateRunAsync(new Segmentation.Tracking.Runs.CreateRunRequest("0", "b", 0), CancellationToken.None)).Info.RunId;
        await _store.UploadArtifactContentAsync(a, "big.bin", bytes);
        await _store.UploadArtifactContentAsync(b, "big.bin", bytes);

        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(1, LinkCount(Path.Combine(ArtifactDirectory(b), "big.bin")));
        }
    }

    private string ArtifactDirectory(string runId) => _store.RunArtifactDirectoryAsync(runId).GetAwaiter().GetResult();

    // st_nlink from stat(1): the test host has coreutils; File APIs do not expose the link count.
    private static int LinkCount(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%h", path]) { RedirectStandardOutput = true })!;
        var text = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return int.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
