using Segmentation.Clustering.Density;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Execution;
using DbscanFit = Segmentation.Clustering.Density.Dbscan;

namespace Segmentation.Runner.Algorithms.Dbscan;

/// <summary>DBSCAN (Ester et al. 1996): <c>dbscan: {eps, min_samples}</c>; the cluster count is found, not given.</summary>
public sealed class DbscanDescriptor : AlgorithmDescriptor<DbscanTrialOptions>
{
    private DbscanDescriptor()
    {
    }

    /// <summary>The one instance, registered in <see cref="AlgorithmRegistry.Default"/>.</summary>
    public static DbscanDescriptor Instance { get; } = new();

    /// <summary>Neighbourhood radius in the preprocessed space; required in a config, sampled log-uniformly.</summary>
    public static RealRange Eps { get; } = new("eps", "dbscan.eps", 0, true, double.MaxValue, RealScale.Log, null);

    /// <summary>Points in a core point's neighbourhood, the point itself included.</summary>
    public static IntRange MinSamples { get; } = new("min_samples", "dbscan.min_samples", 1, 100_000, 5);

    /// <inheritdoc/>
    public override string Name => "dbscan";

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterConstraint> Parameters => [Eps, MinSamples];

    /// <inheritdoc/>
    public override IReadOnlyList<ClusterOption> ClusterOptions =>
        [new(Eps, "DBSCAN neighbourhood radius (> 0)", 0.5), new(MinSamples, "DBSCAN points needed for a core point", 5)];

    /// <inheritdoc/>
    /// <remarks>A core point needs min_samples customers within eps: on a share f of the customers a ball of radius eps
    /// holds about f as many, and one of radius eps·f^(−1/d) as many as on all of them. Scaling min_samples instead was
    /// measured worse: on a ninth of the customers min_samples 20 becomes 2, and DBSCAN with 2 chains noise into clusters.</remarks>
    public override IReadOnlyList<RealRange> SubsampleRadii => [Eps];

    /// <inheritdoc/>
    protected override DbscanTrialOptions ReadOptions(ParameterValues values) => new(Eps.Read(values, Name), MinSamples.Read(values, Name));

    /// <inheritdoc/>
    public override FitResult Fit(DbscanTrialOptions options, int seed, PreprocessedData data)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        var result = DbscanFit.Fit(data.Transformed, new DbscanOptions(options.Eps, options.MinSamples, 1));
        return new FitResult(result.Model, [.. result.Labels], new Dictionary<string, double>());
    }

    /// <inheritdoc/>
    protected override AlgorithmSpace BindSpace(ConfigMapping section) => new DbscanSpace(Eps.Bind(section), MinSamples.Bind(section));
}
