namespace Segmentation.Monitoring.Statistics;

/// <summary>One population stability index with the bins behind it.</summary>
/// <param name="Edges">The distinct reference deciles closing bins 1…k (bin k + 1 is (ek, ∞)).</param>
/// <param name="ReferenceShares">Each bin's share of the reference sample, before the floor.</param>
/// <param name="CurrentShares">Each bin's share of the current sample, before the floor.</param>
/// <param name="Value">Σ (cur − ref) · ln(cur / ref) over the floored shares.</param>
public sealed record PsiResult(IReadOnlyList<double> Edges, IReadOnlyList<double> ReferenceShares, IReadOnlyList<double> CurrentShares, double Value);
