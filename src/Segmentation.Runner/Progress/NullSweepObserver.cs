using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Progress;

/// <summary>An observer that ignores progress (library callers and tests that do not display it).</summary>
public sealed class NullSweepObserver : ISweepObserver
{
    /// <summary>The shared instance.</summary>
    public static NullSweepObserver Instance { get; } = new();

    /// <inheritdoc/>
    public void Started(SweepPlan plan, int shardTrials, int alreadyFinished)
    {
    }

    /// <inheritdoc/>
    public void TrialCompleted(TrialOutcome outcome, SweepProgress progress)
    {
    }
}
