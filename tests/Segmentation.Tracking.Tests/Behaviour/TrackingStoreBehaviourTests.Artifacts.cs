using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Tests.Behaviour;

public abstract partial class TrackingStoreBehaviourTests
{
    /// <summary>A scratch folder for local files of one test, deleted afterwards.</summary>
    protected static string NewScratchDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "seg-behaviour-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    [Fact]
    public async Task UploadArtifact_ThenListAndDownload_RoundTripsBytes()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var scratch = NewScratchDirectory();
        try
        {
            var local = Path.Combine(scratch, "MLmodel");
            byte[] bytes = [0x61, 0x0A, 0x00, 0xFF, 0x7F];
            await File.WriteAllBytesAsync(local, bytes);

            await Store.UploadArtifactAsync(run.Info.RunId, local, "model");

            var root = await Store.ListArtifactsAsync(run.Info.RunId);
            var dir = Assert.Single(root);
            Assert.Equal("model", dir.Path);
            Assert.True(dir.IsDirectory);
            var file = Assert.Single(await Store.ListArtifactsAsync(run.Info.RunId, "model"));
            Assert.Equal("model/MLmodel", file.Path);
            Assert.False(file.IsDirectory);
            Assert.Equal(bytes.Length, file.FileSize);
            var downloaded = Path.Combine(scratch, "out", "MLmodel");
            await Store.DownloadArtifactAsync(run.Info.RunId, "model/MLmodel", downloaded);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(downloaded));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task UploadArtifacts_Folder_UploadsRecursively()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var scratch = NewScratchDirectory();
        try
        {
            Directory.CreateDirectory(Path.Combine(scratch, "plots"));
            await File.WriteAllTextAsync(Path.Combine(scratch, "profile.csv"), "segment,n\n0,10\n");
            await File.WriteAllTextAsync(Path.Combine(scratch, "plots", "elbow.svg"), "<svg/>");

            await Store.UploadArtifactsAsync(run.Info.RunId, scratch, "report");

            Assert.Equal(["report/plots", "report/profile.csv"], (await Store.ListArtifactsAsync(run.Info.RunId, "report")).Select(a => a.Path).Order(StringComparer.Ordinal));
            var svg = Assert.Single(await Store.ListArtifactsAsync(run.Info.RunId, "report/plots"));
            Assert.Equal("report/plots/elbow.svg", svg.Path);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task ListArtifacts_NothingUploaded_IsEmpty()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);

        Assert.Empty(await Store.ListArtifactsAsync(run.Info.RunId));
    }

    [Fact]
    public async Task DownloadArtifact_Missing_ThrowsResourceNotFound()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var scratch = NewScratchDirectory();
        try
        {
            await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
                Store.DownloadArtifactAsync(run.Info.RunId, "model/missing.json", Path.Combine(scratch, "x")));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
