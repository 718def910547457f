using Segmentation.Runner.Execution;

namespace Segmentation.Runner.Tests.Execution;

public sealed class SweepPhasesTests
{
    [Fact]
    public void Add_FromManyThreadsAtOnce_EveryAdditionCounted()
    {
        var phases = new SweepPhases(TimeProvider.System);

        Parallel.For(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            phases.Add(SweepPhase.Fits, TimeSpan.FromMilliseconds(1));
            phases.Add(i % 2 == 0 ? SweepPhase.Logging : SweepPhase.Artifacts, TimeSpan.FromMilliseconds(2));
        });

        Assert.Equal(1.0, phases.Seconds(SweepPhase.Fits), 12);
        Assert.Equal(1.0, phases.Seconds(SweepPhase.Logging), 12);
        Assert.Equal(1.0, phases.Seconds(SweepPhase.Artifacts), 12);
        Assert.Equal(0, phases.Seconds(SweepPhase.Metrics));
    }

    [Fact]
    public void Snapshot_Always_EveryPhaseInSweepOrderWithSnakeCaseNames()
    {
        var phases = new SweepPhases(TimeProvider.System);
        phases.Add(SweepPhase.Report, TimeSpan.FromSeconds(1.5));

        var snapshot = phases.Snapshot();

        Assert.Equal(["load", "preprocessing", "fits", "metrics", "stability", "logging", "artifacts", "report"], snapshot.Select(p => p.Key));
        Assert.Equal(1.5, snapshot.Single(p => p.Key == "report").Value, 12);
        Assert.All(snapshot.Where(p => p.Key != "report"), p => Assert.Equal(0, p.Value));
    }
}
