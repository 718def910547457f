using System.Globalization;
using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>KMeans ranges: k, n_init (restarts) and the Lloyd or Elkan iteration.</summary>
public sealed record KMeansSpace(IReadOnlyList<int> K, IReadOnlyList<int> NInit, IReadOnlyList<string> Variants) : AlgorithmSpace
{
    /// <summary>The config and param name.</summary>
    public const string Name = "kmeans";

    /// <summary>The iteration schemes.</summary>
    public static IReadOnlyList<string> AllowedVariants { get; } = ["lloyd", "elkan"];

    /// <inheritdoc/>
    public override string Algorithm => Name;

    /// <inheritdoc/>
    public override IReadOnlyList<AlgorithmVariant> Expand() =>
        (from variant in Variants
         from nInit in NInit
         from k in K
         select new AlgorithmVariant(Name, k, [
             new("kmeans.algorithm", variant),
             new("kmeans.n_init", nInit.ToString(CultureInfo.InvariantCulture))])).ToList();

    /// <summary>Binds <c>kmeans: {k, n_init, algorithm}</c>; n_init defaults to 10, algorithm to lloyd.</summary>
    public static KMeansSpace Bind(ConfigMapping section)
    {
        section.RejectUnknownKeys("k", "n_init", "algorithm");
        return new KMeansSpace(
            BindK(section),
            ConfigReads.IntChoices(section, "n_init", 1, 1000, [10]),
            ConfigReads.Choices(section, "algorithm", AllowedVariants, ["lloyd"]));
    }
}
