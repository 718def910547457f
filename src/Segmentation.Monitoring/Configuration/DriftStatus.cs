namespace Segmentation.Monitoring.Configuration;

/// <summary>How far a distribution has moved, in increasing order (so the overall status is the maximum).</summary>
public enum DriftStatus
{
    /// <summary>PSI below the warn threshold.</summary>
    Stable,

    /// <summary>PSI from the warn threshold up to the alert threshold.</summary>
    Warn,

    /// <summary>PSI above the alert threshold.</summary>
    Alert,
}
