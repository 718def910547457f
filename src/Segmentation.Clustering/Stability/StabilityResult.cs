namespace Segmentation.Clustering.Stability;

/// <summary>Mean adjusted Rand index between bootstrap fits, and the pairwise values it averages.</summary>
/// <param name="Score">Mean of <paramref name="PairScores"/>: 1 for perfectly stable clusterings.</param>
/// <param name="PairScores">ARI of each pair of resamples (1,2), (1,3), … on the points both drew.</param>
public sealed record StabilityResult(double Score, IReadOnlyList<double> PairScores);
