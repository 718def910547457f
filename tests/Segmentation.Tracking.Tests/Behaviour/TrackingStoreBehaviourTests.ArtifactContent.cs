using System.Text;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Tests.Behaviour;

public abstract partial class TrackingStoreBehaviourTests
{
    [Fact]
    public async Task UploadArtifactContent_NestedPath_ListsAndDownloadsTheSameBytes()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        byte[] bytes = [0x00, 0xFF, 0x0A, 0x0D, 0x7F, 0x80];
        var scratch = NewScratchDirectory();
        try
        {
            await Store.UploadArtifactContentAsync(run.Info.RunId, "model/data/weights.bin", bytes);

            var file = Assert.Single(await Store.ListArtifactsAsync(run.Info.RunId, "model/data"));
            Assert.Equal("model/data/weights.bin", file.Path);
            Assert.Equal(bytes.Length, file.FileSize);
            var downloaded = Path.Combine(scratch, "weights.bin");
            await Store.DownloadArtifactAsync(run.Info.RunId, "model/data/weights.bin", downloaded);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(downloaded));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task UploadArtifactContent_RootFile_IsListedAtTheRunRoot()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);

        await Store.UploadArtifactContentAsync(run.Info.RunId, "leaderboard.csv", Encoding.UTF8.GetBytes("rank,run\n1,a\n"));

        var file = Assert.Single(await Store.ListArtifactsAsync(run.Info.RunId));
        Assert.Equal("leaderboard.csv", file.Path);
        Assert.False(file.IsDirectory);
        Assert.Equal(13, file.FileSize);
    }

    [Fact]
    public async Task UploadArtifactContent_SamePathTwice_KeepsTheLastContentOnly()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var scratch = NewScratchDirectory();
        try
        {
            await Store.UploadArtifactContentAsync(run.Info.RunId, "model/MLmodel", Encoding.UTF8.GetBytes("first version, longer\n"));
            await Store.UploadArtifactContentAsync(run.Info.RunId, "model/MLmodel", Encoding.UTF8.GetBytes("second\n"));

            var file = Assert.Single(await Store.ListArtifactsAsync(run.Info.RunId, "model"));
            Assert.Equal("model/MLmodel", file.Path);
            var downloaded = Path.Combine(scratch, "MLmodel");
            await Store.DownloadArtifactAsync(run.Info.RunId, "model/MLmodel", downloaded);
            Assert.Equal("second\n", await File.ReadAllTextAsync(downloaded));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("model/../../escape.txt")]
    [InlineData("/etc/escape.txt")]
    [InlineData("model/./MLmodel")]
    [InlineData("model//MLmodel")]
    [InlineData("model/")]
    [InlineData("")]
    public async Task UploadArtifactContent_PathOutsideOrNotAFile_ThrowsInvalidParameterAndWritesNothing(string path)
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);

        await Assert.ThrowsAsync<InvalidParameterException>(() => Store.UploadArtifactContentAsync(run.Info.RunId, path, new byte[] { 1, 2, 3 }));

        Assert.Empty(await Store.ListArtifactsAsync(run.Info.RunId));
    }
}
