using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Registry;

namespace Segmentation.Tracking.Tests.Behaviour;

public abstract partial class TrackingStoreBehaviourTests
{
    /// <summary>A registered model with two versions from one run.</summary>
    private async Task<(string Name, string RunId)> ModelWithTwoVersionsAsync()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var name = Unique("model");
        await Store.CreateRegisteredModelAsync(name, "segments", new Dictionary<string, string> { ["task"] = "clustering" });
        await Store.CreateModelVersionAsync(name, "runs:/" + run.Info.RunId + "/model", run.Info.RunId, "k=3");
        await Store.CreateModelVersionAsync(name, "runs:/" + run.Info.RunId + "/model", run.Info.RunId);
        return (name, run.Info.RunId);
    }

    [Fact]
    public async Task CreateRegisteredModel_Twice_ReturnsTheExistingModel()
    {
        var name = Unique("model");

        var first = await Store.CreateRegisteredModelAsync(name, "first", new Dictionary<string, string> { ["task"] = "clustering" });
        var second = await Store.CreateRegisteredModelAsync(name, "second");

        Assert.Equal(name, second.Name);
        Assert.Equal("first", second.Description);
        Assert.Equal("clustering", first.Tags["task"]);
        Assert.Equal(first.CreationTimestampMs, second.CreationTimestampMs);
    }

    [Fact]
    public async Task GetRegisteredModel_Missing_ThrowsResourceNotFound()
    {
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Store.GetRegisteredModelAsync(Unique("missing")));
    }

    [Fact]
    public async Task CreateModelVersion_TwoVersions_NumberedAsStringsAndReady()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var name = Unique("model");
        await Store.CreateRegisteredModelAsync(name);

        var v1 = await Store.CreateModelVersionAsync(name, "runs:/" + run.Info.RunId + "/model", run.Info.RunId, "k=3", new Dictionary<string, string> { ["framework"] = "segmentation" });
        var v2 = await Store.CreateModelVersionAsync(name, "runs:/" + run.Info.RunId + "/model", run.Info.RunId);
        var ready = await Store.WaitForModelVersionReadyAsync(name, v2.Version, TimeSpan.FromSeconds(30));

        Assert.Equal("1", v1.Version);
        Assert.Equal("2", v2.Version);
        Assert.Equal(ModelStages.Ready, ready.Status);
        Assert.Equal(ModelStages.None, v1.CurrentStage);
        Assert.Equal("runs:/" + run.Info.RunId + "/model", v1.Source);
        Assert.Equal(run.Info.RunId, v1.RunId);
        var fetched = await Store.GetModelVersionAsync(name, "1");
        Assert.Equal("k=3", fetched.Description);
        Assert.Equal("segmentation", fetched.Tags["framework"]);
    }

    [Fact]
    public async Task CreateModelVersion_UnknownModel_ThrowsResourceNotFound()
    {
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Store.CreateModelVersionAsync(Unique("missing"), "runs:/x/model", null));
    }

    [Fact]
    public async Task GetModelVersion_Missing_ThrowsResourceNotFound()
    {
        var (name, _) = await ModelWithTwoVersionsAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Store.GetModelVersionAsync(name, "99"));
    }

    [Fact]
    public async Task TransitionStage_ProductionWithArchive_ArchivesThePreviousProductionVersion()
    {
        var (name, _) = await ModelWithTwoVersionsAsync();

        await Store.TransitionModelVersionStageAsync(name, "1", "Staging", archiveExistingVersions: false);
        await Store.TransitionModelVersionStageAsync(name, "1", "Production", archiveExistingVersions: true);
        var v2 = await Store.TransitionModelVersionStageAsync(name, "2", "production", archiveExistingVersions: true);

        Assert.Equal(ModelStages.Production, v2.CurrentStage);
        Assert.Equal(ModelStages.Archived, (await Store.GetModelVersionAsync(name, "1")).CurrentStage);
        var latest = await Store.GetLatestVersionsAsync(name, [ModelStages.Production, ModelStages.Archived]);
        Assert.Equal(["1:Archived", "2:Production"], latest.Select(v => v.Version + ":" + v.CurrentStage).Order(StringComparer.Ordinal));
        Assert.Equal("2", Assert.Single(await Store.GetLatestVersionsAsync(name, [ModelStages.Production])).Version);
    }

    [Fact]
    public async Task TransitionStage_WithoutArchive_LeavesOtherVersionsInTheStage()
    {
        var (name, _) = await ModelWithTwoVersionsAsync();

        await Store.TransitionModelVersionStageAsync(name, "1", ModelStages.Staging, archiveExistingVersions: false);
        await Store.TransitionModelVersionStageAsync(name, "2", ModelStages.Staging, archiveExistingVersions: false);

        Assert.Equal(ModelStages.Staging, (await Store.GetModelVersionAsync(name, "1")).CurrentStage);
    }

    [Fact]
    public async Task TransitionStage_UnknownStage_ThrowsInvalidParameter()
    {
        var (name, _) = await ModelWithTwoVersionsAsync();

        await Assert.ThrowsAsync<InvalidParameterException>(() => Store.TransitionModelVersionStageAsync(name, "1", "Prod", false));
    }

    [Fact]
    public async Task Alias_SetMoveGetDelete_FollowsTheVersion()
    {
        var (name, _) = await ModelWithTwoVersionsAsync();

        await Store.SetRegisteredModelAliasAsync(name, "champion", "1");
        Assert.Equal("1", (await Store.GetModelVersionByAliasAsync(name, "champion"))!.Version);
        await Store.SetRegisteredModelAliasAsync(name, "champion", "2");
        var moved = await Store.GetModelVersionByAliasAsync(name, "champion");
        Assert.Equal("2", moved!.Version);
        Assert.Contains("champion", moved.Aliases);
        Assert.Equal("2", (await Store.GetRegisteredModelAsync(name)).Aliases["champion"]);

        await Store.DeleteRegisteredModelAliasAsync(name, "champion");

        Assert.Null(await Store.GetModelVersionByAliasAsync(name, "champion"));
    }

    [Fact]
    public async Task GetModelVersionByAlias_NeverSet_ReturnsNull()
    {
        var (name, _) = await ModelWithTwoVersionsAsync();

        Assert.Null(await Store.GetModelVersionByAliasAsync(name, "nope"));
    }

    [Fact]
    public async Task SearchRegisteredModels_NameLike_FindsTheModel()
    {
        var (name, _) = await ModelWithTwoVersionsAsync();

        var found = await Store.SearchRegisteredModelsAsync($"name LIKE '{name[..^4]}%'");

        Assert.Equal(name, Assert.Single(found).Name);
        Assert.Equal(name, Assert.Single(await Store.SearchRegisteredModelsAsync($"name = '{name}'")).Name);
    }

    [Fact]
    public async Task SearchModelVersions_ByNameAndByRunId_FindsBothVersions()
    {
        var (name, runId) = await ModelWithTwoVersionsAsync();

        var byName = await Store.SearchModelVersionsAsync($"name='{name}'");
        var byRun = await Store.SearchModelVersionsAsync($"run_id='{runId}'");

        Assert.Equal(["1", "2"], byName.Select(v => v.Version).Order(StringComparer.Ordinal));
        Assert.Equal(["1", "2"], byRun.Select(v => v.Version).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TagsAndDescriptions_OnModelAndVersion_AreStored()
    {
        var (name, _) = await ModelWithTwoVersionsAsync();

        await Store.SetRegisteredModelTagAsync(name, "owner", "team-a");
        await Store.SetModelVersionTagAsync(name, "2", "gate", "passed");
        var model = await Store.UpdateRegisteredModelAsync(name, "customer segments");
        var version = await Store.UpdateModelVersionAsync(name, "2", "best silhouette");

        Assert.Equal("customer segments", model.Description);
        Assert.Equal("team-a", model.Tags["owner"]);
        Assert.Equal("best silhouette", version.Description);
        Assert.Equal("passed", (await Store.GetModelVersionAsync(name, "2")).Tags["gate"]);
    }
}
