using Segmentation.Tracking.Runs;

namespace Segmentation.Runner.Tests.Promotion;

/// <summary>One trial to seed into a test sweep: what its child run logs.</summary>
internal sealed record TrialSpec(string Name, int K, double Silhouette, string Hash)
{
    public string Algorithm { get; init; } = "kmeans";

    public RunStatus Status { get; init; } = RunStatus.Finished;

    public bool WithModel { get; init; } = true;

    /// <summary>Whether the model is also an MLflow 3 logged model recorded as the run's output (as the runner logs it on MLflow 3).</summary>
    public bool WithLoggedModel { get; init; }

    public double MinClusterFraction { get; init; } = 0.1;

    public double NoiseFraction { get; init; }
}
