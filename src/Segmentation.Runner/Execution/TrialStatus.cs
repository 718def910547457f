namespace Segmentation.Runner.Execution;

/// <summary>How a trial ended in this invocation.</summary>
public enum TrialStatus
{
    /// <summary>Fitted and logged completely (run FINISHED).</summary>
    Finished,

    /// <summary>The fit or the logging failed; the run is FAILED with the error.</summary>
    Failed,

    /// <summary>Cancelled; its run (if created) is KILLED.</summary>
    Killed,

    /// <summary>A FINISHED run with the same trial hash already existed; not re-run.</summary>
    Skipped,
}
