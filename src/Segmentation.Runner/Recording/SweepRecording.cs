using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Planning;
using Segmentation.Tracking;

namespace Segmentation.Runner.Recording;

/// <summary>What every part of a sweep's recording shares: the store, the clock, where the sweep came from and what it is.</summary>
/// <param name="Store">The tracking backend.</param>
/// <param name="Clock">Timestamps of runs and metrics.</param>
/// <param name="Source">User, source name and git commit tags.</param>
/// <param name="Config">The loaded sweep config.</param>
/// <param name="Plan">The planned trials.</param>
/// <param name="Data">The training table.</param>
public sealed record SweepRecording(ITrackingStore Store, TimeProvider Clock, SourceInfo Source, LoadedSweepConfig Config, SweepPlan Plan, TrainingData Data)
{
    /// <summary>Now, in MLflow's epoch milliseconds.</summary>
    public long NowMs => Clock.GetUtcNow().ToUnixTimeMilliseconds();
}
