using Segmentation.Serving.Models;
using Segmentation.Serving.Tests.Fixtures;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Models;
using Segmentation.Tracking.Runs;

namespace Segmentation.Serving.Tests.Models;

/// <summary>Issue 11, "temp folders removed on every exit path": a model download that fails leaves no staging folder in the cache.</summary>
public sealed class ModelCacheStagingTests(TrainedModelsFixture models) : IClassFixture<TrainedModelsFixture>
{
    [Fact]
    public async Task GetAsync_DownloadFailsAfterItsFilesArrived_RemovesTheStagingFolderAndCachesNothing()
    {
        // A run whose model folder was copied from another run: every file downloads, then the check refuses it — the
        // latest point a download can fail, with the most left to clean up.
        var model = await models.GetAsync("kmeans");
        using var copy = new TempDirectory();
        using var cacheDir = new TempDirectory();
        await ModelFolder.DownloadAsync(models.Backend, model.RunId, copy.Path);
        var source = await models.Backend.GetRunAsync(model.RunId);
        var other = await models.Backend.CreateRunAsync(new CreateRunRequest(source.Info.ExperimentId, "copied-model", 0, null));
        await models.Backend.UploadArtifactsAsync(other.Info.RunId, copy.Path, ModelFolder.ArtifactPath);
        var cache = new ModelCache(cacheDir.Path);
        var resolved = new ResolvedModel(ModelReference.Parse($"runs:/{other.Info.RunId}/model", cacheDir.Path), null, null, other.Info.RunId);

        var error = await Assert.ThrowsAsync<ModelFolderException>(() => cache.GetAsync(models.Backend, resolved, CancellationToken.None));

        Assert.Contains(model.RunId, error.Message, StringComparison.Ordinal);
        var left = Directory.Exists(cacheDir.Path) ? Directory.GetFileSystemEntries(cacheDir.Path, "*", SearchOption.AllDirectories) : [];
        Assert.DoesNotContain(left, e => e.Contains(".download-", StringComparison.Ordinal));
        Assert.DoesNotContain(left, File.Exists);
    }
}
