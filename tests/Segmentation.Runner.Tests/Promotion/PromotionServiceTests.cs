using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Promotion;
using Segmentation.Runner.Recording;
using Segmentation.Runner.Segments;
using Segmentation.Runner.Tests.Segments;
using Segmentation.Tracking.Registry;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Tests.Promotion;

public sealed class PromotionServiceTests : IDisposable
{
    private readonly TrackingSandbox _sandbox = TrackingSandbox.Create();

    [Fact]
    public async Task PromoteAsync_GatePassesToStage_RegistersBestAndArchivesPreviousProductionVersion()
    {
        var (_, first) = await _sandbox.SeedSweepAsync("exp", [new TrialSpec("first", 3, 0.40, "h1")], startTimeMs: 1_000);
        var firstResult = await Service().PromoteAsync(Request(min: 0.35, stage: "Production"));
        var (parent, second) = await _sandbox.SeedSweepAsync(
            "exp", [new TrialSpec("k3", 3, 0.42, "h3"), new TrialSpec("k4", 4, 0.48, "h4")], startTimeMs: 2_000);

        var result = await Service().PromoteAsync(Request(min: 0.35, stage: "Production"));

        Assert.Equal(PromotionOutcome.Promoted, result.Outcome);
        Assert.Equal(parent, result.Selection.ParentRunId);
        var version = result.Version!;
        Assert.Equal(("seg-model", "2", ModelStages.Production, second["k4"]), (version.Name, version.Version, version.CurrentStage, version.RunId));
        Assert.EndsWith("/model", version.Source, StringComparison.Ordinal);
        Assert.Equal(["1"], result.ArchivedVersions);
        Assert.False(result.ReusedVersion);
        var previous = await _sandbox.Store.GetModelVersionAsync("seg-model", "1");
        Assert.Equal((ModelStages.Archived, first["first"]), (previous.CurrentStage, previous.RunId));
        Assert.Equal("1", firstResult.Version!.Version);
    }

    [Fact]
    public async Task PromoteAsync_GatePassesToAlias_MovesAliasFromPreviousVersion()
    {
        await _sandbox.SeedSweepAsync("exp", [new TrialSpec("first", 3, 0.40, "h1")], startTimeMs: 1_000);
        await Service().PromoteAsync(Request(min: 0.35, alias: "champion"));
        var (_, second) = await _sandbox.SeedSweepAsync("exp", [new TrialSpec("second", 4, 0.50, "h2")], startTimeMs: 2_000);

        var result = await Service().PromoteAsync(Request(min: 0.35, alias: "champion"));

        Assert.Equal("1", result.PreviousAliasVersion);
        var champion = await _sandbox.Store.GetModelVersionByAliasAsync("seg-model", "champion");
        Assert.Equal(("2", second["second"]), (champion!.Version, champion.RunId));
        Assert.Contains("champion", result.Version!.Aliases);
        Assert.Equal(ModelStages.None, champion.CurrentStage);
        var old = await _sandbox.Store.GetModelVersionAsync("seg-model", "1");
        Assert.DoesNotContain("champion", old.Aliases);
    }

    [Fact]
    public async Task PromoteAsync_GateFails_RegistryUntouched()
    {
        await _sandbox.SeedSweepAsync("exp", [new TrialSpec("weak", 3, 0.31, "h1"), new TrialSpec("weaker", 4, 0.2, "h2")]);

        var result = await Service().PromoteAsync(Request(min: 0.35, stage: "Production"));

        Assert.Equal(PromotionOutcome.GateFailed, result.Outcome);
        Assert.Equal("weak", result.Selection.Best!.Trial.RunName);
        Assert.Equal(["silhouette >= 0.35: observed 0.31"], result.GateFailures);
        Assert.Null(result.Version);
        Assert.Empty(await _sandbox.Store.SearchRegisteredModelsAsync());
        Assert.Empty(await _sandbox.Store.SearchModelVersionsAsync());
    }

    [Fact]
    public async Task PromoteAsync_MaxThresholdExceeded_GateFails()
    {
        await _sandbox.SeedSweepAsync("exp", [new TrialSpec("suspicious", 3, 0.99, "h1")]);

        var result = await Service().PromoteAsync(Request(min: 0.35, max: 0.95, alias: "champion"));

        Assert.Equal(PromotionOutcome.GateFailed, result.Outcome);
        Assert.Empty(await _sandbox.Store.SearchModelVersionsAsync());
    }

    [Fact]
    public async Task PromoteAsync_NoTrialMeetsConstraints_NoEligibleTrialAndRegistryUntouched()
    {
        await _sandbox.SeedSweepAsync("exp", [new TrialSpec("two", 2, 0.7, "h1"), new TrialSpec("tiny", 5, 0.6, "h2") { MinClusterFraction = 0.001 }]);
        var request = Request(min: 0.35, stage: "Production") with
        {
            Constraints = new ConstraintsConfig(MinK: 3, MaxK: null, MinClusterFraction: 0.02, MaxClusterFraction: null, MaxNoiseFraction: null),
        };

        var result = await Service().PromoteAsync(request);

        Assert.Equal(PromotionOutcome.NoEligibleTrial, result.Outcome);
        Assert.Null(result.Selection.Best);
        Assert.Equal(["none of the 2 FINISHED trials meets every constraint"], result.GateFailures);
        Assert.Empty(await _sandbox.Store.SearchRegisteredModelsAsync());
    }

    [Fact]
    public async Task PromoteAsync_SameSweepTwice_ReusesTheVersionMadeFromTheRun()
    {
        await _sandbox.SeedSweepAsync("exp", [new TrialSpec("best", 4, 0.5, "h1")]);

        var first = await Service().PromoteAsync(Request(min: 0.35, stage: "Production"));
        var second = await Service().PromoteAsync(Request(min: 0.35, stage: "Production"));

        Assert.False(first.ReusedVersion);
        Assert.True(second.ReusedVersion);
        Assert.Equal(first.Version!.Version, second.Version!.Version);
        Assert.Empty(second.ArchivedVersions);
        var versions = await _sandbox.Store.SearchModelVersionsAsync("name='seg-model'");
        Assert.Equal((ModelStages.Production, "1"), (Assert.Single(versions).CurrentStage, versions[0].Version));
    }

    [Fact]
    public async Task PromoteAsync_TrialWithLoggedModel_RegistersFromModelsUriAndReusesItOnTheSecondRun()
    {
        var (_, children) = await _sandbox.SeedSweepAsync("exp", [new TrialSpec("best", 4, 0.5, "h1") { WithLoggedModel = true }]);
        var modelId = Assert.Single((await _sandbox.Store.GetRunAsync(children["best"])).ModelOutputs).ModelId;

        var first = await Service().PromoteAsync(Request(min: 0.35, alias: "champion"));
        var second = await Service().PromoteAsync(Request(min: 0.35, alias: "champion"));

        Assert.Equal("models:/" + modelId, first.Version!.Source);
        Assert.Equal(children["best"], first.Version.RunId);
        Assert.True(second.ReusedVersion);
        Assert.Equal(first.Version.Version, second.Version!.Version);
        Assert.Single(await _sandbox.Store.SearchModelVersionsAsync("name='seg-model'"));
    }

    [Fact]
    public async Task PromoteAsync_TrialHasSegments_DescriptionListsThemWithThisVersionsOverrides()
    {
        var (_, children) = await _sandbox.SeedSweepAsync("exp", [new TrialSpec("best", 4, 0.5, "trial-hash-4")]);
        await RunArtifacts.UploadTextAsync(_sandbox.Store, children["best"], "model/" + SegmentsJson.FileName, SegmentsJson.Write(SegmentSamples.Profiles), CancellationToken.None);
        var names = new SegmentsConfig(new Dictionary<string, IReadOnlyDictionary<int, string>>
        {
            ["seg-model/1"] = new Dictionary<int, string> { [1] = "VIP" },
            ["seg-model/2"] = new Dictionary<int, string> { [0] = "not this version" },
        });

        var result = await Service().PromoteAsync(Request(min: 0.35, alias: "champion") with { SegmentNames = names });

        var description = result.Version!.Description;
        Assert.Contains("| 0 | Hibernating | 300 | 0.75 | 0.25 |", description, StringComparison.Ordinal);
        Assert.Contains("| 1 | VIP | 100 | 0.25 | 0.75 |", description, StringComparison.Ordinal);
        Assert.DoesNotContain("not this version", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromoteAsync_Promoted_RecordsFiveTagsAndTheRestInTheDescription()
    {
        var (parent, children) = await _sandbox.SeedSweepAsync("exp", [new TrialSpec("best", 4, 0.5, "trial-hash-4")]);

        var result = await Service().PromoteAsync(Request(min: 0.35, stage: "Staging"));

        // Issue 10: at most five version tags (decision, trial hash, parent run, objective, decided at); gate, target,
        // experiment and metrics, which were tags before, are in the description.
        var tags = result.Version!.Tags;
        Assert.Equal(PromotionRecord.MaxVersionTags, tags.Count);
        Assert.Equal("promoted", tags[SegmentationTags.PromotionDecision]);
        Assert.Equal("silhouette (maximize)", tags[SegmentationTags.PromotionObjective]);
        Assert.Equal(parent, tags[SegmentationTags.PromotionParentRunId]);
        Assert.Equal("trial-hash-4", tags[SegmentationTags.TrialHash]);
        Assert.Equal("2026-11-23T15:00:00Z", tags[SegmentationTags.PromotionDecidedAt]);
        var description = result.Version.Description;
        Assert.Contains($"run `{children["best"]}`", description, StringComparison.Ordinal);
        Assert.Contains("gate: silhouette >= 0.35 — passed", description, StringComparison.Ordinal);
        Assert.Contains("target: `stage:Staging`", description, StringComparison.Ordinal);
        Assert.Contains("in experiment `exp`", description, StringComparison.Ordinal);
        Assert.Contains("| silhouette | 0.5 |", description, StringComparison.Ordinal);
        Assert.Contains("| n_clusters | 4 |", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromoteAsync_VersionPromotedAgain_AppendsADatedSectionAndKeepsTheEarlierOne()
    {
        await _sandbox.SeedSweepAsync("exp", [new TrialSpec("best", 4, 0.5, "trial-hash-4")]);
        var first = await Service().PromoteAsync(Request(min: 0.35, alias: "challenger"));

        var second = await Service().PromoteAsync(Request(min: 0.35, alias: "champion"));

        Assert.Equal(first.Version!.Version, second.Version!.Version);
        var description = second.Version.Description!;
        Assert.StartsWith(first.Version.Description!.TrimEnd(), description, StringComparison.Ordinal);
        Assert.Contains(PromotionRecord.DescriptionSeparator, description, StringComparison.Ordinal);
        Assert.Contains("target: `alias:challenger`", description, StringComparison.Ordinal);
        Assert.Contains("target: `alias:champion`", description, StringComparison.Ordinal);
        Assert.Equal(2, description.Split("Promoted to ").Length - 1);
        Assert.Equal(PromotionRecord.MaxVersionTags, second.Version.Tags.Count);
    }

    [Fact]
    public async Task PromoteAsync_BestTrialHasNoModel_ThrowsAndRegistryUntouched()
    {
        await _sandbox.SeedSweepAsync("exp", [new TrialSpec("no-model", 4, 0.5, "h1") { WithModel = false }]);

        var ex = await Assert.ThrowsAsync<PromotionException>(() => Service().PromoteAsync(Request(min: 0.35, stage: "Production")));

        Assert.Contains("no-model", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await _sandbox.Store.SearchRegisteredModelsAsync());
    }

    [Fact]
    public async Task PromoteAsync_ForSweepRequest_PromotesThatSweepToTheConfiguredTarget()
    {
        var (older, children) = await _sandbox.SeedSweepAsync("cfg-exp", [new TrialSpec("older", 3, 0.45, "h1")], startTimeMs: 1_000);
        await _sandbox.SeedSweepAsync("cfg-exp", [new TrialSpec("newer", 3, 0.60, "h2")], startTimeMs: 2_000);
        var config = BindSweepConfig("registry:\n  model_name: cfg-model\n  alias: champion\n");

        var result = await Service().PromoteAsync(PromotionRequest.ForSweep(config, older));

        Assert.Equal(PromotionOutcome.Promoted, result.Outcome);
        var champion = await _sandbox.Store.GetModelVersionByAliasAsync("cfg-model", "champion");
        Assert.Equal(children["older"], champion!.RunId);
    }

    [Fact]
    public void ForSweep_ConfigWithoutRegistry_ThrowsNamingTheSection()
    {
        var config = BindSweepConfig(string.Empty);

        var ex = Assert.Throws<ConfigException>(() => PromotionRequest.ForSweep(config, "parent"));

        Assert.Contains("'registry'", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();

    private static SweepConfig BindSweepConfig(string registry)
    {
        var yaml = "experiment:\n  name: cfg-exp\nsearch:\n  features: [recency_days, frequency]\n  scalers: [standard]\n"
            + "  algorithms:\n    kmeans:\n      k: [2, 3]\ngate:\n  silhouette: {min: 0.35}\n" + registry;
        return SweepConfig.Bind(ConfigDocument.Merge(SweepConfigLoader.Defaults(), ConfigDocument.Parse(yaml, "sweep.yaml")));
    }

    private PromotionService Service() => new(_sandbox.Store, _sandbox.Store, _sandbox.Clock);

    private static PromotionRequest Request(double? min = null, double? max = null, string? stage = null, string? alias = null) =>
        new(
            "exp",
            null,
            ObjectiveConfig.Default,
            ConstraintsConfig.None,
            new GateConfig([new GateThreshold(MetricNames.Silhouette, min, max)]),
            new RegistryTarget("seg-model", stage, alias));
}
