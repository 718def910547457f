using System.Globalization;
using Segmentation.Clustering.Scaling;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.SingleFit;

/// <summary>One clustering configuration to fit outside a sweep (<c>segment cluster</c>); defaults match the sweep's.</summary>
/// <param name="Algorithm">kmeans, gmm, agglomerative or dbscan.</param>
/// <param name="K">Clusters asked for (ignored by DBSCAN, which finds them).</param>
/// <param name="Scaler">Scaler name (see <see cref="ScalerNames"/>).</param>
/// <param name="Reduction">No reduction, or PCA to a component count or a share of variance.</param>
/// <param name="Seed">Random seed of the fit, used as is (a sweep derives each trial's seed instead).</param>
public sealed record SingleFitRequest(string Algorithm, int K, string Scaler, ReductionChoice Reduction, int Seed)
{
    /// <summary>The algorithm names accepted.</summary>
    public static IReadOnlyList<string> AllowedAlgorithms { get; } = [KMeansSpace.Name, GmmSpace.Name, AgglomerativeSpace.Name, DbscanSpace.Name];

    /// <summary>KMeans restarts.</summary>
    /// <value>10, as in a sweep.</value>
    public int NInit { get; init; } = 10;

    /// <summary>KMeans iteration scheme (lloyd or elkan).</summary>
    /// <value>lloyd.</value>
    public string KMeansVariant { get; init; } = "lloyd";

    /// <summary>GMM covariance type (full, diag, spherical or tied).</summary>
    /// <value>full.</value>
    public string Covariance { get; init; } = "full";

    /// <summary>Agglomerative linkage (ward, complete, average or single).</summary>
    /// <value>ward.</value>
    public string Linkage { get; init; } = "ward";

    /// <summary>DBSCAN neighbourhood radius in the preprocessed space; must be greater than 0.</summary>
    /// <value>0.5.</value>
    public double Eps { get; init; } = 0.5;

    /// <summary>DBSCAN points in a core point's neighbourhood (itself included).</summary>
    /// <value>5.</value>
    public int MinSamples { get; init; } = 5;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the parameter and the allowed values for any bad setting.</summary>
    public void Validate()
    {
        Choice(Algorithm, AllowedAlgorithms, "algorithm");
        ScalerNames.Validate(Scaler, "scaler");
        ArgumentNullException.ThrowIfNull(Reduction);
        if (Reduction.Components is < 1)
        {
            throw new ArgumentException(Invariant($"PCA needs at least 1 component, found {Reduction.Components}"), "reduction");
        }

        if (Reduction.Variance is { } v && !(v > 0 && v < 1))
        {
            throw new ArgumentException(Invariant($"PCA share of variance must be strictly between 0 and 1, found {v}"), "reduction");
        }

        switch (Algorithm)
        {
            case KMeansSpace.Name:
                RequireK();
                Choice(KMeansVariant, KMeansSpace.AllowedVariants, "kmeans variant");
                if (NInit < 1)
                {
                    throw new ArgumentException(Invariant($"n_init must be at least 1, found {NInit}"), "n-init");
                }

                break;
            case GmmSpace.Name:
                RequireK();
                Choice(Covariance, GmmSpace.AllowedCovarianceTypes, "covariance");
                break;
            case AgglomerativeSpace.Name:
                RequireK();
                Choice(Linkage, AgglomerativeSpace.AllowedLinkages, "linkage");
                break;
            default:
                if (!(Eps > 0) || double.IsInfinity(Eps))
                {
                    throw new ArgumentException(Invariant($"eps must be a finite number greater than 0, found {Eps}"), "eps");
                }

                if (MinSamples < 1)
                {
                    throw new ArgumentException(Invariant($"min_samples must be at least 1, found {MinSamples}"), "min-samples");
                }

                break;
        }
    }

    /// <summary>The algorithm setting a sweep would plan for this request, with the same flat setting keys.</summary>
    public AlgorithmVariant ToVariant() => Algorithm switch
    {
        KMeansSpace.Name => new KMeansSpace([K], [NInit], [KMeansVariant]).Expand()[0],
        GmmSpace.Name => new GmmSpace([K], [Covariance]).Expand()[0],
        AgglomerativeSpace.Name => new AgglomerativeSpace([K], [Linkage]).Expand()[0],
        DbscanSpace.Name => new DbscanSpace([Eps], [MinSamples]).Expand()[0],
        _ => throw new ArgumentException($"unknown algorithm '{Algorithm}'; expected one of: {string.Join(", ", AllowedAlgorithms)}", nameof(Algorithm)),
    };

    private void RequireK()
    {
        if (K < 2)
        {
            throw new ArgumentException(Invariant($"k must be at least 2 for {Algorithm}, found {K}"), "k");
        }
    }

    private static void Choice(string? value, IReadOnlyList<string> allowed, string name)
    {
        if (value is null || !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new ArgumentException($"unknown {name} '{value}'; expected one of: {string.Join(", ", allowed)}", name.Replace(' ', '-'));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
