using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Registry;
using Segmentation.Tracking.Rest;

namespace Segmentation.Tracking.Tests.Rest.Replay;

/// <summary>Model registry calls of <see cref="RestTrackingStore"/> against the recorded MLflow 2.17.2 exchanges.</summary>
public sealed class RegistryReplayTests
{

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task CreateRegisteredModel_New_ReturnsModelWithTagsAndDescription(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("40"));
        using var store = server.CreateStore();

        var model = await store.CreateRegisteredModelAsync("contract-model", "contract test model", new Dictionary<string, string> { ["task"] = "clustering" });

        server.AssertAllMatched();
        Assert.Equal("contract-model", model.Name);
        Assert.Equal("contract test model", model.Description);
        Assert.Equal("clustering", model.Tags["task"]);
        Assert.Empty(model.LatestVersions);
        Assert.Empty(model.Aliases);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task CreateRegisteredModel_Existing_ReturnsTheExistingModel(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("41"), recording.Step("53"));
        using var store = server.CreateStore();

        var model = await store.CreateRegisteredModelAsync("contract-model");

        server.AssertAllMatched();
        Assert.Equal(2, model.LatestVersions.Count);
        Assert.Equal("1", model.Aliases["champion"]);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task CreateModelVersion_ArtifactAndRunsSources_ReturnReadyStringVersions(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("42"), recording.Step("43"), recording.Step("44"));
        using var store = server.CreateStore();

        var v1 = await store.CreateModelVersionAsync("contract-model", $"mlflow-artifacts:/1/{recording.ChildRun}/artifacts/model", recording.ChildRun, "k=3", new Dictionary<string, string> { ["framework"] = "onnx" });
        var v2 = await store.CreateModelVersionAsync("contract-model", $"runs:/{recording.K4Run}/model", recording.K4Run);
        var ready = await store.WaitForModelVersionReadyAsync("contract-model", "1", TimeSpan.FromSeconds(5));

        server.AssertAllMatched();
        Assert.Equal("1", v1.Version);
        Assert.Equal(ModelStages.Ready, v1.Status);
        Assert.Equal(ModelStages.None, v1.CurrentStage);
        Assert.Equal("onnx", v1.Tags["framework"]);
        Assert.Equal("2", v2.Version);
        Assert.Equal($"runs:/{recording.K4Run}/model", v2.Source);
        Assert.Null(v2.Description);
        Assert.Empty(v2.Tags);
        Assert.Equal(recording.ChildRun, ready.RunId);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task TransitionStage_StagingProductionArchive_ReturnsNewStages(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("46"), recording.Step("47"), recording.Step("48"), recording.Step("50"));
        using var store = server.CreateStore();

        var staging = await store.TransitionModelVersionStageAsync("contract-model", "1", "Staging", archiveExistingVersions: false);
        var production = await store.TransitionModelVersionStageAsync("contract-model", "1", "Production", archiveExistingVersions: true);
        var v2 = await store.TransitionModelVersionStageAsync("contract-model", "2", "Production", archiveExistingVersions: true);
        var latest = await store.GetLatestVersionsAsync("contract-model", ["Production", "Staging", "Archived", "None"]);

        server.AssertAllMatched();
        Assert.Equal(ModelStages.Staging, staging.CurrentStage);
        Assert.Equal(ModelStages.Production, production.CurrentStage);
        Assert.Equal(ModelStages.Production, v2.CurrentStage);
        Assert.Equal([("1", "Archived"), ("2", "Production")], latest.Select(v => (v.Version, v.CurrentStage)));
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task TransitionStage_UnknownStage_ThrowsInvalidParameterNamingTheStages(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("49"));
        using var store = server.CreateStore();

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => store.TransitionModelVersionStageAsync("contract-model", "1", "Prod", archiveExistingVersions: false));

        server.AssertAllMatched();
        Assert.Contains("None, Staging, Production, Archived", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task Aliases_SetGetAndMissing_ResolveVersionOrNull(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("52"), recording.Step("53"), recording.Step("54"), recording.Step("55"));
        using var store = server.CreateStore();

        await store.SetRegisteredModelAliasAsync("contract-model", "champion", "1");
        var model = await store.GetRegisteredModelAsync("contract-model");
        var champion = await store.GetModelVersionByAliasAsync("contract-model", "champion");
        var missing = await store.GetModelVersionByAliasAsync("contract-model", "nope");

        server.AssertAllMatched();
        Assert.Equal("1", model.Aliases["champion"]);
        Assert.Equal(["1", "2"], model.LatestVersions.Select(v => v.Version));
        Assert.NotNull(champion);
        Assert.Equal("1", champion.Version);
        Assert.Equal(["champion"], champion.Aliases);
        Assert.Null(missing);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task Search_ModelVersionsAndRegisteredModels_ReturnAllMatches(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("56"), recording.Step("57", "max_results"), recording.Step("58", "max_results"));
        var client = server.CreateClient();
        using var store = new RestTrackingStore(client, TimeProvider.System) { RegistrySearchPageSize = 10 };

        var byName = await store.SearchModelVersionsAsync("name='contract-model'");
        var byRun = await store.SearchModelVersionsAsync($"run_id='{recording.ChildRun}'");
        var models = await store.SearchRegisteredModelsAsync("name LIKE 'contract%'");

        server.AssertAllMatched();
        Assert.Equal(["2", "1"], byName.Select(v => v.Version));
        Assert.Equal("1", Assert.Single(byRun).Version);
        Assert.Equal("contract-model", Assert.Single(models).Name);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task GetRegisteredModel_Missing_ThrowsResourceNotFound(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("59"));
        using var store = server.CreateStore();

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => store.GetRegisteredModelAsync("no-such-model"));

        server.AssertAllMatched();
        Assert.Equal(404, error.HttpStatus);
    }
}
