using Segmentation.Clustering.KMeans;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Execution;
using KMeansFit = Segmentation.Clustering.KMeans.KMeans;

namespace Segmentation.Runner.Algorithms.KMeans;

/// <summary>KMeans (k-means++ start, Lloyd or Elkan iteration, best of n_init restarts): <c>kmeans: {k, n_init, algorithm}</c>.</summary>
public sealed class KMeansDescriptor : AlgorithmDescriptor<KMeansTrialOptions>
{
    private KMeansDescriptor()
    {
    }

    /// <summary>The one instance, registered in <see cref="AlgorithmRegistry.Default"/>.</summary>
    public static KMeansDescriptor Instance { get; } = new();

    /// <summary>Restarts from new k-means++ seeds; the best inertia wins.</summary>
    public static IntRange NInit { get; } = new("n_init", "kmeans.n_init", 1, 1000, 10);

    /// <summary>The iteration scheme; both reach the same centres from the same start, Elkan with fewer distances.</summary>
    public static Categorical<KMeansAlgorithm> Iteration { get; } =
        new("algorithm", "kmeans.algorithm", [new("lloyd", KMeansAlgorithm.Lloyd), new("elkan", KMeansAlgorithm.Elkan)], "lloyd");

    /// <inheritdoc/>
    public override string Name => "kmeans";

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterConstraint> Parameters => [ClusterCount.Parameter, NInit, Iteration];

    /// <inheritdoc/>
    public override IReadOnlyList<ClusterOption> ClusterOptions => [ClusterCount.Option];

    /// <inheritdoc/>
    protected override KMeansTrialOptions ReadOptions(ParameterValues values) =>
        new(ClusterCount.Parameter.Read(values, Name), NInit.Read(values, Name), Iteration.Read(values, Name));

    /// <inheritdoc/>
    public override FitResult Fit(KMeansTrialOptions options, int seed, PreprocessedData data)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        var result = KMeansFit.Fit(data.Transformed, new KMeansOptions
        {
            Clusters = options.K,
            NInit = options.NInit,
            Algorithm = options.Iteration,
            Seed = seed,
            MaxDegreeOfParallelism = 1,
        });
        return new FitResult(result.Model, result.Labels, new Dictionary<string, double> { [MetricNames.Inertia] = result.Inertia });
    }

    /// <inheritdoc/>
    protected override AlgorithmSpace BindSpace(ConfigMapping section) =>
        new KMeansSpace(ClusterCount.Parameter.Bind(section), NInit.Bind(section), Iteration.Bind(section));
}
