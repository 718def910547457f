using Segmentation.Clustering;
using Segmentation.Clustering.Hierarchical;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Execution;

namespace Segmentation.Runner.Tests.Algorithms.TestOnly;

/// <summary>
/// A test-only algorithm, written the way a new one would be: this folder plus one registration line. It cuts rows into
/// k stripes by row number (offset shifts the stripes), which is trivial to check.
/// </summary>
internal sealed class StripesDescriptor : AlgorithmDescriptor<StripesTrialOptions>
{
    private StripesDescriptor()
    {
    }

    public static StripesDescriptor Instance { get; } = new();

    public static IntRange Offset { get; } = new("offset", "stripes.offset", 0, 9, 0);

    /// <summary>The shipped algorithms plus this one: the one registration line.</summary>
    public static AlgorithmRegistry Registry { get; } = new([.. AlgorithmRegistry.Default.Descriptors, Instance]);

    public override string Name => "stripes";

    public override IReadOnlyList<ParameterConstraint> Parameters => [ClusterCount.Parameter, Offset];

    public override IReadOnlyList<ClusterOption> ClusterOptions => [ClusterCount.Option, new(Offset, "Stripe offset", 0)];

    public override FitResult Fit(StripesTrialOptions options, int seed, PreprocessedData data)
    {
        var labels = Enumerable.Range(0, data.Transformed.Rows).Select(i => (i + options.Offset) % options.K).ToArray();
        IClusterModel model = AgglomerativeModel.FromLabels(data.Transformed, labels, Linkage.Ward);
        return new FitResult(model, labels, new Dictionary<string, double> { ["stripes"] = options.K });
    }

    protected override StripesTrialOptions ReadOptions(ParameterValues values) =>
        new(ClusterCount.Parameter.Read(values, Name), Offset.Read(values, Name));

    protected override AlgorithmSpace BindSpace(ConfigMapping section) => new StripesSpace(ClusterCount.Parameter.Bind(section), Offset.Bind(section));
}
