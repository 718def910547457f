namespace Segmentation.Runner.Configuration;

/// <summary>Successive halving's schedule (<c>strategy: {kind: halving, min_fraction, eta}</c>).</summary>
/// <param name="MinFraction">Share of the customers the first rung fits on (<c>min_fraction</c>), in (0, 1).</param>
/// <param name="Eta">Each rung keeps the best 1/eta of its trials and gives them eta times the customers (<c>eta</c>).</param>
public sealed record HalvingSettings(double MinFraction, int Eta)
{
    /// <summary>The defaults: a ninth of the customers first, eta 3 (rungs at 1/9, 1/3 and all of them).</summary>
    public static HalvingSettings Default { get; } = new(1.0 / 9, 3);
}
