using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>The search ranges of one clustering algorithm (<c>search.algorithms.&lt;name&gt;</c>).</summary>
public abstract record AlgorithmSpace
{
    /// <summary>The algorithm names a search space may list.</summary>
    public static IReadOnlyList<string> Names { get; } = [KMeansSpace.Name, GmmSpace.Name, AgglomerativeSpace.Name, DbscanSpace.Name];

    /// <summary>Algorithm name as logged.</summary>
    public abstract string Algorithm { get; }

    /// <summary>Every setting in the space, in a fixed order (k varies fastest, so per-k curves come out contiguous).</summary>
    public abstract IReadOnlyList<AlgorithmVariant> Expand();

    /// <summary>Binds one algorithm's section by its name; an unknown name lists the allowed ones.</summary>
    public static AlgorithmSpace Bind(string name, ConfigMapping section, ConfigMapping parent)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(parent);
        return name switch
        {
            KMeansSpace.Name => KMeansSpace.Bind(section),
            GmmSpace.Name => GmmSpace.Bind(section),
            AgglomerativeSpace.Name => AgglomerativeSpace.Bind(section),
            DbscanSpace.Name => DbscanSpace.Bind(section),
            _ => throw new ConfigException(
                $"unknown algorithm '{name}'; allowed: {string.Join(", ", Names)}", section.Source, section.Line, section.Column, parent.Child(name)),
        };
    }

    /// <summary>k values shared by the algorithms that take one: 2 to 100.</summary>
    internal static IReadOnlyList<int> BindK(ConfigMapping section) => ConfigReads.IntChoices(section, "k", 2, 100, null);
}
