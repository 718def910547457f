using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Models;

namespace Segmentation.Tracking.Tests.Behaviour;

public abstract partial class TrackingStoreBehaviourTests
{
    private static readonly ModelFolderContent ModelContent = new(
        "{\"formatVersion\":1}", ["recency", "frequency"], "kmeans", 1, "segment,size\n0,3\n1,4\n");

    [Fact]
    public async Task ModelFolder_UploadThenDownload_ReadsBackWhatWasWritten()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var created = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var scratch = NewScratchDirectory();
        try
        {
            var uuid = await ModelFolder.UploadAsync(Store, run.Info.RunId, ModelContent, created, "0.1.0");

            Assert.Equal(["model/MLmodel", "model/cluster_profile.csv", "model/pipeline.json"],
                (await Store.ListArtifactsAsync(run.Info.RunId, ModelFolder.ArtifactPath)).Select(a => a.Path).Order(StringComparer.Ordinal));
            var folder = await ModelFolder.DownloadAsync(Store, run.Info.RunId, Path.Combine(scratch, "model"));
            Assert.Equal(uuid, folder.MlModel.ModelUuid);
            Assert.Equal(run.Info.RunId, folder.RunId);
            Assert.Equal(ModelContent.PipelineJson, folder.PipelineJson);
            Assert.Equal(ModelContent.ClusterProfileCsv, folder.ClusterProfileCsv);
            Assert.Equal(ModelContent.FeatureNames, folder.FeatureNames);
            Assert.Equal(created, folder.MlModel.UtcTimeCreated);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task ModelFolder_DownloadFromRunWithoutModel_ThrowsNamingTheRun()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var scratch = NewScratchDirectory();
        try
        {
            var error = await Assert.ThrowsAsync<ModelFolderException>(() => ModelFolder.DownloadAsync(Store, run.Info.RunId, scratch));

            Assert.Contains(run.Info.RunId, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
