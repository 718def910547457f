using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>Agglomerative clustering ranges: k (cuts of one tree) and the linkage.</summary>
public sealed record AgglomerativeSpace(IReadOnlyList<int> K, IReadOnlyList<string> Linkages) : AlgorithmSpace
{
    /// <summary>The config and param name.</summary>
    public const string Name = "agglomerative";

    /// <summary>The linkages.</summary>
    public static IReadOnlyList<string> AllowedLinkages { get; } = ["ward", "complete", "average", "single"];

    /// <inheritdoc/>
    public override string Algorithm => Name;

    /// <inheritdoc/>
    public override IReadOnlyList<AlgorithmVariant> Expand() =>
        (from linkage in Linkages
         from k in K
         select new AlgorithmVariant(Name, k, [new("agglomerative.linkage", linkage)])).ToList();

    /// <summary>Binds <c>agglomerative: {k, linkage}</c>; linkage defaults to ward.</summary>
    public static AgglomerativeSpace Bind(ConfigMapping section)
    {
        section.RejectUnknownKeys("k", "linkage");
        return new AgglomerativeSpace(BindK(section), ConfigReads.Choices(section, "linkage", AllowedLinkages, ["ward"]));
    }
}
