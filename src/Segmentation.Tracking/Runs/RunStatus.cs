namespace Segmentation.Tracking.Runs;

/// <summary>A run's status; stored and sent as the upper-case name (e.g. <c>FINISHED</c>).</summary>
public enum RunStatus
{
    /// <summary>The run is executing.</summary>
    Running,

    /// <summary>The run is scheduled but not started.</summary>
    Scheduled,

    /// <summary>The run completed.</summary>
    Finished,

    /// <summary>The run failed.</summary>
    Failed,

    /// <summary>The run was stopped.</summary>
    Killed,
}
