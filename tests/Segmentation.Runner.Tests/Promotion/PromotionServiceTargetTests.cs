using Segmentation.Runner.Configuration;
using Segmentation.Runner.Promotion;

namespace Segmentation.Runner.Tests.Promotion;

/// <summary>The registry target is checked whole before selection, so a target the registry refuses leaves nothing behind.</summary>
public sealed class PromotionServiceTargetTests : IDisposable
{
    private readonly TrackingSandbox _sandbox = TrackingSandbox.Create();

    // Issue 9: `segment promote --min 0.30 --alias v3` passed the gate, registered a model version, then failed on the
    // reserved alias and left the version in the registry.
    [Theory]
    [InlineData(null, "v3")]
    [InlineData(null, "latest")]
    [InlineData(null, "bad alias")]
    [InlineData("Archived", null)]
    public async Task PromoteAsync_AliasV3LeftAVersionInTheRegistry_TargetRefusedBeforeAnyRegistryWrite(string? stage, string? alias)
    {
        await _sandbox.SeedSweepAsync("exp", [new TrialSpec("k4", 4, 0.48, "h4")]);
        var request = new PromotionRequest(
            "exp", null, ObjectiveConfig.Default, ConstraintsConfig.None,
            new GateConfig([new GateThreshold(MetricNames.Silhouette, 0.30, null)]), new RegistryTarget("seg-model", stage, alias));

        await Assert.ThrowsAsync<PromotionException>(() => new PromotionService(_sandbox.Store, _sandbox.Store, _sandbox.Clock).PromoteAsync(request));

        Assert.Empty(await _sandbox.Store.SearchRegisteredModelsAsync());
        Assert.Empty(await _sandbox.Store.SearchModelVersionsAsync());
    }

    public void Dispose() => _sandbox.Dispose();
}
