namespace Segmentation.Clustering.Stability;

/// <summary>Adjusted Rand index of each bootstrap refit's prediction against the reference labels, and their mean and minimum.</summary>
/// <param name="Mean">Mean ARI: 1 when every refit reproduces the reference partition.</param>
/// <param name="Min">The worst refit's ARI.</param>
/// <param name="Scores">ARI of refit 0, 1, …, in resample order.</param>
public sealed record RefitStabilityResult(double Mean, double Min, IReadOnlyList<double> Scores);
