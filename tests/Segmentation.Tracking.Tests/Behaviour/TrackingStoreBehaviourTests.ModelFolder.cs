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

            Assert.Equal(["model/MLmodel", "model/code", "model/python_env.yaml", "model/requirements.txt", "model/segmentation.json"],
                (await Store.ListArtifactsAsync(run.Info.RunId, ModelFolder.ArtifactPath)).Select(a => a.Path).Order(StringComparer.Ordinal));
            var folder = await ModelFolder.DownloadAsync(Store, run.Info.RunId, Path.Combine(scratch, "model"));
            Assert.Equal(uuid, folder.MlModel.ModelUuid);
            Assert.Equal(run.Info.RunId, folder.RunId);
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(ModelContent.PipelineJson), System.Text.Json.Nodes.JsonNode.Parse(folder.PipelineJson)));
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

    [Fact]
    public async Task LogModel_TwiceOnOneRun_HistoryTagListsBothInMlflowsFormat()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        const string First = "{\"run_id\": \"r\", \"artifact_path\": \"model\", \"utc_time_created\": \"2023-11-14 22:13:20.000000\", \"model_uuid\": \"0f1e\", \"flavors\": {\"onnx\": {\"onnx_version\": \"1.16.0\", \"data\": \"model.onnx\"}}}";
        const string Second = "{\"run_id\":\"r\",\"artifact_path\":\"model2\",\"flavors\":{\"segmentation\":{\"format_version\":1}}}";

        await Store.LogModelAsync(run.Info.RunId, First);
        await Store.LogModelAsync(run.Info.RunId, Second);

        var tags = (await Store.GetRunAsync(run.Info.RunId)).Data.Tags;
        // Python's json.dumps of the list, as the server writes it (v3 fixture 148).
        Assert.Equal(
            "[" + First + ", {\"run_id\": \"r\", \"artifact_path\": \"model2\", \"flavors\": {\"segmentation\": {\"format_version\": 1}}}]",
            tags[Tags.MlflowTags.LogModelHistory]);
    }

    [Fact]
    public async Task ModelFolder_Upload_RecordsTheModelInTheRunsLogModelHistory()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var created = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

        var uuid = await ModelFolder.UploadAsync(Store, run.Info.RunId, ModelContent, created, "0.1.0");

        var history = (await Store.GetRunAsync(run.Info.RunId)).Data.Tags[Tags.MlflowTags.LogModelHistory];
        Assert.Equal(
            $"[{{\"run_id\": \"{run.Info.RunId}\", \"artifact_path\": \"model\", \"utc_time_created\": \"2026-11-23 12:00:00.000000\", \"model_uuid\": \"{uuid}\", "
            + "\"flavors\": {\"segmentation\": {\"document\": \"segmentation.json\", \"algorithm\": \"kmeans\", \"format_version\": 1, \"segmentation_version\": \"0.1.0\"}, "
            + "\"python_function\": {\"code\": \"code\", \"data\": \"segmentation.json\", \"env\": {\"virtualenv\": \"python_env.yaml\"}, \"loader_module\": \"segmentation_pyfunc\", \"python_version\": \"3.11.2\"}}}]",
            history);
    }

    [Fact]
    public async Task LogModel_NotAJsonObject_InvalidParameterAndNoTag()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);

        await Assert.ThrowsAsync<InvalidParameterException>(() => Store.LogModelAsync(run.Info.RunId, "[1, 2]"));

        Assert.False((await Store.GetRunAsync(run.Info.RunId)).Data.Tags.ContainsKey(Tags.MlflowTags.LogModelHistory));
    }
}
