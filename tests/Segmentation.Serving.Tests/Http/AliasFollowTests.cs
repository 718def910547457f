using System.Net;
using System.Text.Json;
using Segmentation.Runner.Recording;
using Segmentation.Serving.Http;
using Segmentation.Serving.Tests.Fixtures;
using Segmentation.Tracking.Models;
using Segmentation.Tracking.Runs;

namespace Segmentation.Serving.Tests.Http;

/// <summary>A server on <c>models:/NAME@champion</c> follows the alias, and keeps its model when the new version does not load.</summary>
public sealed class AliasFollowTests(TrainedModelsFixture models) : IClassFixture<TrainedModelsFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reload_AliasMovesThenMovesToBrokenVersion_SwitchesThenKeepsServingAndReportsOnReadyz()
    {
        var kmeans = await models.GetAsync("kmeans");
        var gmm = await models.GetAsync("gmm");
        var backend = models.Backend;
        // Version 2 of the kmeans name is the GMM run: another run and another pipeline, so a switch is visible.
        var v2 = await backend.CreateModelVersionAsync(kmeans.Name, $"runs:/{gmm.RunId}/model", gmm.RunId);
        var broken = await BrokenRunAsync();
        var v3 = await backend.CreateModelVersionAsync(kmeans.Name, $"runs:/{broken}/model", broken);
        await backend.SetRegisteredModelAliasAsync(kmeans.Name, "champion", "1");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{kmeans.Name}@champion", new ServeOptions(ReloadInterval: TimeSpan.FromMilliseconds(200)));
        Assert.Equal("1", await ScoredVersionAsync(server));

        await backend.SetRegisteredModelAliasAsync(kmeans.Name, "champion", v2.Version);
        var switched = await EventuallyAsync(async () => await ScoredVersionAsync(server) == v2.Version);

        Assert.True(switched, "the server never reported version 2");
        var model = await ServerHarness.JsonAsync(await server.Client.GetAsync("/v1/model"));
        Assert.Equal(gmm.RunId, model.GetProperty("run_id").GetString());
        Assert.Equal("champion", model.GetProperty("alias").GetString());

        await backend.SetRegisteredModelAliasAsync(kmeans.Name, "champion", v3.Version);
        JsonElement ready = default;
        var reported = await EventuallyAsync(async () =>
        {
            ready = await ServerHarness.JsonAsync(await server.Client.GetAsync("/readyz"));
            return ready.GetProperty("last_reload").GetProperty("succeeded").GetBoolean() is false;
        });

        Assert.True(reported, "/readyz never reported the failed reload");
        Assert.Equal("degraded", ready.GetProperty("status").GetString());
        Assert.Equal(v3.Version, ready.GetProperty("last_reload").GetProperty("version").GetString());
        Assert.False(string.IsNullOrEmpty(ready.GetProperty("last_reload").GetProperty("error").GetString()));
        Assert.Equal(v2.Version, ready.GetProperty("model").GetProperty("version").GetString());
        Assert.Equal(v2.Version, await ScoredVersionAsync(server));
    }

    private static async Task<string?> ScoredVersionAsync(ServerHarness server)
    {
        var response = await server.PostAsync(RequestBodies.OneCustomer());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ServerHarness.JsonAsync(response)).GetProperty("model").GetProperty("version").GetString();
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (started.Elapsed < Patience)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    // A run whose model folder has an MLmodel that is not one: the download succeeds, the load must fail.
    private async Task<string> BrokenRunAsync()
    {
        var experiment = await models.Backend.GetOrCreateExperimentAsync("serving-tests-broken");
        var run = await models.Backend.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "broken", DateTimeOffset.UnixEpoch.AddYears(55).ToUnixTimeMilliseconds(), null));
        await RunArtifacts.UploadTextAsync(models.Backend, run.Info.RunId, ModelFolder.ArtifactPath + "/" + ModelFolder.MlModelFile, "this: [is not an MLmodel\n", CancellationToken.None);
        return run.Info.RunId;
    }
}
