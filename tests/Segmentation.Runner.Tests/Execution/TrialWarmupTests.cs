using Segmentation.Runner.Configuration;
using Segmentation.Runner.Execution;

namespace Segmentation.Runner.Tests.Execution;

/// <summary>The warm-up runs every algorithm after every preprocessing of each shipped config on its synthetic matrix.</summary>
public sealed class TrialWarmupTests
{
    [Theory]
    [InlineData("configs/kmeans.yaml")]
    [InlineData("configs/algorithms.yaml")]
    [InlineData("configs/smoke.yaml")]
    [InlineData("configs/halving.yaml")]
    [InlineData("configs/tpe.yaml")]
    [InlineData("bench/sweep/grid.yaml")]
    public void ShippedConfig_EveryPreprocessingAndAlgorithm_RunsCleanly(string config)
    {
        var path = Path.Combine(RepositoryPaths.Root, config);
        var loaded = SweepConfigLoader.Load(new SweepConfigRequest(path, null, RepositoryPaths.Root, _ => null)).Config;

        var clean = TrialWarmup.Run(loaded);

        // A pair that threw would compile only part of its path: each must run through, or the warm-up misses code.
        Assert.Equal(loaded.Search.Scalers.Count * loaded.Search.Reductions.Count * loaded.Search.Algorithms.Count, clean);
    }

    [Fact]
    public void Run_Stopped_EndsBeforeItsNextPairAndReturnsTheCountSoFar()
    {
        var path = Path.Combine(RepositoryPaths.Root, "bench/sweep/grid.yaml");
        var loaded = SweepConfigLoader.Load(new SweepConfigRequest(path, null, RepositoryPaths.Root, _ => null)).Config;

        Assert.Equal(0, TrialWarmup.Run(loaded, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Start_StoppedBeforeItBegins_RunsNoPair()
    {
        var path = Path.Combine(RepositoryPaths.Root, "configs/algorithms.yaml");
        var loaded = SweepConfigLoader.Load(new SweepConfigRequest(path, null, RepositoryPaths.Root, _ => null)).Config;

        var clean = await TrialWarmup.Start(loaded, new CancellationToken(canceled: true)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, clean);
    }
}
