using Segmentation.Monitoring.Configuration;
using Segmentation.Monitoring.Statistics;

namespace Segmentation.Monitoring.Drift;

/// <summary>How one model feature moved between the training dataset and the new batch.</summary>
/// <param name="Name">The feature.</param>
/// <param name="Psi">The population stability index and its bins.</param>
/// <param name="Ks">The two-sample Kolmogorov–Smirnov test.</param>
/// <param name="Reference">Mean, median and missing share of the training values.</param>
/// <param name="Current">Mean, median and missing share of the new values.</param>
/// <param name="Status">The PSI's status under the thresholds.</param>
public sealed record FeatureDrift(string Name, PsiResult Psi, KsResult Ks, SampleSummary Reference, SampleSummary Current, DriftStatus Status);
