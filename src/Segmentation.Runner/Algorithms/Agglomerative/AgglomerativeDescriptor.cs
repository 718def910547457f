using Segmentation.Clustering.Hierarchical;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Execution;

namespace Segmentation.Runner.Algorithms.Agglomerative;

/// <summary>
/// Agglomerative clustering: <c>agglomerative: {k, linkage}</c>. One tree per (preprocessing, linkage) is built once and
/// cut for every k, so a k range costs one build.
/// </summary>
public sealed class AgglomerativeDescriptor : AlgorithmDescriptor<AgglomerativeTrialOptions>
{
    private AgglomerativeDescriptor()
    {
    }

    /// <summary>The one instance, registered in <see cref="AlgorithmRegistry.Default"/>.</summary>
    public static AgglomerativeDescriptor Instance { get; } = new();

    /// <summary>How the distance between two clusters is measured.</summary>
    public static Categorical<Linkage> Linkage { get; } = new(
        "linkage",
        "agglomerative.linkage",
        [new("ward", Clustering.Hierarchical.Linkage.Ward), new("complete", Clustering.Hierarchical.Linkage.Complete),
         new("average", Clustering.Hierarchical.Linkage.Average), new("single", Clustering.Hierarchical.Linkage.Single)],
        "ward");

    /// <inheritdoc/>
    public override string Name => "agglomerative";

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterConstraint> Parameters => [ClusterCount.Parameter, Linkage];

    /// <inheritdoc/>
    public override IReadOnlyList<ClusterOption> ClusterOptions => [ClusterCount.Option, new(Linkage, "Agglomerative linkage", "ward")];

    /// <inheritdoc/>
    protected override AgglomerativeTrialOptions ReadOptions(ParameterValues values) =>
        new(ClusterCount.Parameter.Read(values, Name), Linkage.Read(values, Name));

    /// <inheritdoc/>
    public override FitResult Fit(AgglomerativeTrialOptions options, int seed, PreprocessedData data)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        var labels = data.Tree(options.Linkage).Cut(options.K);
        return new FitResult(AgglomerativeModel.FromLabels(data.Transformed, labels, options.Linkage), labels, new Dictionary<string, double>())
        {
            TreeCutOf = options.Linkage,
        };
    }

    /// <inheritdoc/>
    protected override AlgorithmSpace BindSpace(ConfigMapping section) =>
        new AgglomerativeSpace(ClusterCount.Parameter.Bind(section), Linkage.Bind(section));
}
