namespace Segmentation.Monitoring.Statistics;

/// <summary>A two-sample Kolmogorov–Smirnov test.</summary>
/// <param name="Statistic">D, the largest gap between the two empirical distribution functions.</param>
/// <param name="PValue">The asymptotic two-sided p-value of D.</param>
public sealed record KsResult(double Statistic, double PValue);
