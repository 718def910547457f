using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>Gaussian mixture ranges: k and the covariance type.</summary>
public sealed record GmmSpace(IReadOnlyList<int> K, IReadOnlyList<string> CovarianceTypes) : AlgorithmSpace
{
    /// <summary>The config and param name.</summary>
    public const string Name = "gmm";

    /// <summary>The covariance types (scikit-learn's names).</summary>
    public static IReadOnlyList<string> AllowedCovarianceTypes { get; } = ["full", "diag", "spherical", "tied"];

    /// <inheritdoc/>
    public override string Algorithm => Name;

    /// <inheritdoc/>
    public override IReadOnlyList<AlgorithmVariant> Expand() =>
        (from covariance in CovarianceTypes
         from k in K
         select new AlgorithmVariant(Name, k, [new("gmm.covariance_type", covariance)])).ToList();

    /// <summary>Binds <c>gmm: {k, covariance}</c>; covariance defaults to full.</summary>
    public static GmmSpace Bind(ConfigMapping section)
    {
        section.RejectUnknownKeys("k", "covariance");
        return new GmmSpace(BindK(section), ConfigReads.Choices(section, "covariance", AllowedCovarianceTypes, ["full"]));
    }
}
