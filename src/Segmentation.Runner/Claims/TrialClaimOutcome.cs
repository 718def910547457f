namespace Segmentation.Runner.Claims;

/// <summary>What claiming a trial decided.</summary>
public enum TrialClaimOutcome
{
    /// <summary>This process owns the trial: its new RUNNING run is the only claim; fit and record it.</summary>
    Claimed,

    /// <summary>Another run already FINISHED the trial; nothing to do.</summary>
    AlreadyFinished,

    /// <summary>Another live process is running the trial; come back later (it may finish it, or die and leave it to us).</summary>
    HeldElsewhere,
}
