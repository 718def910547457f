namespace Segmentation.Runner.Algorithms.Dbscan;

/// <summary>DBSCAN ranges: the neighbourhood radius eps and min_samples.</summary>
/// <param name="Eps">Radii.</param>
/// <param name="MinSamples">Core-point thresholds.</param>
public sealed record DbscanSpace(IReadOnlyList<double> Eps, IReadOnlyList<int> MinSamples) : AlgorithmSpace
{
    /// <inheritdoc/>
    public override IAlgorithmDescriptor Descriptor => DbscanDescriptor.Instance;

    /// <inheritdoc/>
    public override IReadOnlyList<TrialOptions> Expand() =>
        (from minSamples in MinSamples
         from eps in Eps
         select (TrialOptions)new DbscanTrialOptions(eps, minSamples)).ToList();
}
