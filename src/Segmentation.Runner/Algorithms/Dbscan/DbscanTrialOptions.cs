namespace Segmentation.Runner.Algorithms.Dbscan;

/// <summary>One DBSCAN setting.</summary>
/// <param name="Eps">Neighbourhood radius.</param>
/// <param name="MinSamples">Points needed for a core point.</param>
public sealed record DbscanTrialOptions(double Eps, int MinSamples) : TrialOptions
{
    /// <inheritdoc/>
    public override IAlgorithmDescriptor Descriptor => DbscanDescriptor.Instance;

    /// <inheritdoc/>
    public override int? Clusters => null;

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, string>> Settings() =>
    [
        new(DbscanDescriptor.Eps.ParamKey, DbscanDescriptor.Eps.Format(Eps)),
        new(DbscanDescriptor.MinSamples.ParamKey, DbscanDescriptor.MinSamples.Format(MinSamples)),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<string> RunNameTokens() =>
        ["eps" + DbscanDescriptor.Eps.Format(Eps), "min" + DbscanDescriptor.MinSamples.Format(MinSamples)];

    /// <inheritdoc/>
    public override void Validate()
    {
        DbscanDescriptor.Eps.Check(Eps, Algorithm);
        DbscanDescriptor.MinSamples.Check(MinSamples, Algorithm);
    }
}
