namespace Segmentation.Monitoring.Statistics;

/// <summary>A chi-square goodness-of-fit test.</summary>
/// <param name="Statistic">Σ (observed − expected)² / expected.</param>
/// <param name="DegreesOfFreedom">Categories − 1.</param>
/// <param name="PValue">P(χ²_df ≥ statistic).</param>
public sealed record ChiSquareResult(double Statistic, int DegreesOfFreedom, double PValue);
