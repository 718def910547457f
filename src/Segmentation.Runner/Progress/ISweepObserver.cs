using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Progress;

/// <summary>Receives a sweep's progress (the CLI renders it live or as plain lines); calls are serialised.</summary>
public interface ISweepObserver
{
    /// <summary>The plan is ready and the trials to run are known.</summary>
    void Started(SweepPlan plan, int shardTrials, int alreadyFinished);

    /// <summary>A trial completed (in completion order, which depends on scheduling; results do not).</summary>
    void TrialCompleted(TrialOutcome outcome, SweepProgress progress);
}
