using Segmentation.Clustering.Scaling;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Algorithms;

namespace Segmentation.Runner.Configuration;

/// <summary>What a sweep searches over (<c>search:</c>): features, scalers, reductions and algorithms with their ranges.</summary>
/// <param name="Features">Feature columns to cluster on, in this order; null means every column of the feature table.</param>
/// <param name="Scalers">Canonical scaler names or chains (<see cref="ScalerNames"/>), e.g. <c>log1p+robust</c>.</param>
/// <param name="Reductions">Dimension-reduction choices.</param>
/// <param name="Algorithms">Algorithms with their ranges, in config order.</param>
public sealed record SearchSpace(
    IReadOnlyList<string>? Features,
    IReadOnlyList<string> Scalers,
    IReadOnlyList<ReductionChoice> Reductions,
    IReadOnlyList<AlgorithmSpace> Algorithms)
{
    /// <summary>Binds <c>search: {features, scalers, reduction, algorithms}</c>; scalers and algorithms are required.</summary>
    public static SearchSpace Bind(ConfigMapping section) => Bind(section, AlgorithmRegistry.Default);

    /// <summary>Binds <c>search:</c> with the algorithms of <paramref name="registry"/>.</summary>
    public static SearchSpace Bind(ConfigMapping section, AlgorithmRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(registry);
        section.RejectUnknownKeys("features", "scalers", "reduction", "algorithms");
        var features = section.GetStringList("features");
        if (features is not null)
        {
            var duplicate = features.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw section.GetSequence("features")!.Error($"duplicate feature '{duplicate.Key}'");
            }
        }

        var scalers = ScalerChoices.Bind(section, "scalers");
        var maxComponents = features?.Count ?? 1000;
        var reductionList = section.GetSequence("reduction");
        IReadOnlyList<ReductionChoice> reductions;
        if (reductionList is null)
        {
            reductions = [ReductionChoice.None];
        }
        else if (reductionList.Items.Count == 0)
        {
            throw reductionList.Error("expected at least one reduction choice (none, {pca: {components: N}}, {pca: {variance: 0.x}}), found an empty list");
        }
        else
        {
            var bound = new List<ReductionChoice>();
            foreach (var item in reductionList.Items)
            {
                var choice = ReductionChoice.Bind(item, maxComponents);
                if (bound.Contains(choice))
                {
                    throw item.Error("duplicate reduction choice");
                }

                bound.Add(choice);
            }

            reductions = bound;
        }

        var algorithmsSection = section.Get("algorithms") switch
        {
            null => throw ConfigReads.Missing(section, "algorithms", "a mapping of algorithm names (" + string.Join(", ", registry.Names) + ") to their ranges"),
            ConfigMapping mapping => mapping,
            var other => throw other.Error($"expected a mapping of algorithm names ({string.Join(", ", registry.Names)}) to their ranges, found {other.KindName}"),
        };
        if (!algorithmsSection.Entries.Any())
        {
            throw algorithmsSection.Error("expected at least one algorithm; allowed: " + string.Join(", ", registry.Names));
        }

        var algorithms = algorithmsSection.Entries.Select(e => BindAlgorithm(registry, algorithmsSection, e.Key)).ToList();
        return new SearchSpace(features, scalers, reductions, algorithms);
    }

    private static AlgorithmSpace BindAlgorithm(AlgorithmRegistry registry, ConfigMapping algorithms, string name)
    {
        var section = algorithms.GetMapping(name);
        var descriptor = registry.Find(name) ?? throw new ConfigException(
            $"unknown algorithm '{name}'; allowed: {string.Join(", ", registry.Names)}", section.Source, section.Line, section.Column, algorithms.Child(name));
        return descriptor.Bind(section);
    }
}
