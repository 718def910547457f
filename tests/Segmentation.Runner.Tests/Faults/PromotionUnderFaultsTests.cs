using System.Globalization;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Promotion;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Tests.Rest.Emulator;
using Segmentation.Tracking.Tests.Rest.Faults;
using Xunit.Abstractions;

namespace Segmentation.Runner.Tests.Faults;

/// <summary>
/// Promotions through <see cref="FaultProxy"/> at 30 % faults (issue 11): one that fails halfway (exit 3) is run again and
/// the registry converges — one version per model, the stage or alias on it, no orphan version.
/// </summary>
/// <remarks>A class of its own so it runs beside the sweep matrix rather than after it.</remarks>
public sealed class PromotionUnderFaultsTests(ITestOutputHelper output)
{
    private const int Promotions = 6;

    [Fact]
    public async Task Promotions_At30PercentFaults_ReRunUntilDone_ConvergeOnOneVersionWithAliasAndStage()
    {
        using var emulator = new MlflowEmulator();
        using var dir = new TempDirectory();
        dir.Write("configs/s.yaml", SweepUnderFaultsTests.Sweep);
        SweepSummary summary;
        using (var clean = new FaultProxy(emulator.BaseUri, 0, seed: 0))
        {
            summary = await SweepUnderFaultsTests.Runner(clean.BaseUri).RunAsync(SweepUnderFaultsTests.Request(dir.Path), null, CancellationToken.None);
        }

        var best = summary.Leaderboard.Best!.Trial.RunId;
        var reRuns = 0;
        var injected = 0;
        for (var i = 0; i < Promotions; i++)
        {
            using var proxy = new FaultProxy(emulator.BaseUri, 0.3, seed: 100 + i) { SlowDelay = SweepUnderFaultsTests.SlowDelay };
            // Two retries, not seven: about 1 request in 37 exhausts them, so promotions do fail halfway and are re-run.
            using var store = SweepUnderFaultsTests.Store(proxy.BaseUri, SweepUnderFaultsTests.Transport with { MaxRetries = 2 });
            var service = new PromotionService(store, store, TimeProvider.System);
            var target = new RegistryTarget("seg-" + i.ToString(CultureInfo.InvariantCulture), i % 2 == 0 ? "Staging" : null, i % 2 == 0 ? null : "champion");
            var request = new PromotionRequest(
                SweepUnderFaultsTests.Experiment, summary.ParentRunId, ObjectiveConfig.Default, ConstraintsConfig.None, new GateConfig([new GateThreshold(MetricNames.Silhouette, -1, null)]), target);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    Assert.Equal(PromotionOutcome.Promoted, (await service.PromoteAsync(request)).Outcome);
                    break;
                }
                catch (TrackingUnreachableException) when (attempt < 20)
                {
                    // Exit 3 halfway through: the job is simply run again.
                    reRuns++;
                }
            }

            injected += proxy.InjectedTotal;
        }

        output.WriteLine($"{Promotions} promotions at 30 % faults: {injected} faults injected, {reRuns} promotion re-run(s) after an exit-3 failure");
        for (var i = 0; i < Promotions; i++)
        {
            var name = "seg-" + i.ToString(CultureInfo.InvariantCulture);
            var versions = await emulator.Store.SearchModelVersionsAsync($"name='{name}'");
            var only = Assert.Single(versions);
            Assert.Equal(("1", best), (only.Version, only.RunId));
            if (i % 2 == 0)
            {
                Assert.Equal("Staging", only.CurrentStage);
            }
            else
            {
                Assert.Equal("1", (await emulator.Store.GetModelVersionByAliasAsync(name, "champion"))!.Version);
            }
        }

        Assert.True(injected > 0);
    }
}
