using System.Text;
using System.Text.Json;
using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.Tests.Rest.Emulator;

/// <summary>The emulator's MLflow 3 mode answers metric history and /version as the v3 recordings show (29, 74, 75, 76, 155).</summary>
public sealed class MlflowEmulatorMlflow3ModeTests
{
    [Fact]
    public async Task GetHistory_Mlflow3Mode_AnswersLikeTheV3Recording()
    {
        using var emulator = new MlflowEmulator(generation: MlflowServerGeneration.Mlflow3);
        var experiment = await emulator.Store.GetOrCreateExperimentAsync("paging");
        var run = await emulator.Store.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "r", 1700000000000));
        await emulator.Store.LogBatchAsync(run.Info.RunId,
            [new Metric("silhouette", 0.41, 1700000002000, 0), new Metric("silhouette", 0.45, 1700000003000, 1), new Metric("silhouette", 0.52, 1700000004000, 2)]);
        var history = "/api/2.0/mlflow/metrics/get-history?metric_key=silhouette&run_id=" + run.Info.RunId;

        var version = await emulator.HandleAsync("GET", "/version", null, []);
        var bare = Json(await emulator.HandleAsync("GET", history, null, []));
        var refused = await emulator.HandleAsync("GET", history + "&page_token=" + Uri.EscapeDataString(bare.GetProperty("next_page_token").GetString()!), null, []);
        var page1 = Json(await emulator.HandleAsync("GET", history + "&max_results=2", null, []));
        var page2 = Json(await emulator.HandleAsync("GET", history + "&max_results=2&page_token=" + Uri.EscapeDataString(page1.GetProperty("next_page_token").GetString()!), null, []));

        Assert.Equal("3.11.2.dev0", Encoding.UTF8.GetString(version.Body));
        Assert.False(bare.TryGetProperty("metrics", out _));
        Assert.Equal("eyJvZmZzZXQiOiAwfQ==", bare.GetProperty("next_page_token").GetString());
        Assert.Equal(400, refused.Status);
        using (var error = JsonDocument.Parse(refused.Body))
        {
            Assert.Equal("Invalid page token, parsed value={'offset': 0}", error.RootElement.GetProperty("message").GetString());
        }

        Assert.Equal(2, page1.GetProperty("metrics").GetArrayLength());
        Assert.Equal("eyJvZmZzZXQiOiAyfQ==", page1.GetProperty("next_page_token").GetString());
        Assert.Equal(0.52, page2.GetProperty("metrics")[0].GetProperty("value").GetDouble());
        Assert.False(page2.TryGetProperty("next_page_token", out _));
    }

    private static JsonElement Json(EmulatorResponse response)
    {
        Assert.Equal(200, response.Status);
        using var document = JsonDocument.Parse(response.Body);
        return document.RootElement.Clone();
    }
}
