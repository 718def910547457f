using System.Globalization;
using Segmentation.Clustering.Density;
using Segmentation.Clustering.Hierarchical;
using Segmentation.Clustering.KMeans;
using Segmentation.Clustering.Mixture;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Execution;

/// <summary>Fits a trial's algorithm on its preprocessed matrix — single-threaded, seeded from the trial only.</summary>
public static class TrialFitter
{
    /// <summary>Fits <paramref name="trial"/>; errors from the algorithm propagate (the executor logs the trial FAILED).</summary>
    public static FitResult Fit(Trial trial, PreprocessedData data)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(data);
        var variant = trial.Variant;
        var x = data.Transformed;
        switch (variant.Algorithm)
        {
            case KMeansSpace.Name:
            {
                var result = KMeans.Fit(x, new KMeansOptions
                {
                    Clusters = RequireK(variant),
                    NInit = int.Parse(variant.Setting("kmeans.n_init"), CultureInfo.InvariantCulture),
                    Algorithm = variant.Setting("kmeans.algorithm") == "elkan" ? KMeansAlgorithm.Elkan : KMeansAlgorithm.Lloyd,
                    Seed = trial.Seed,
                    MaxDegreeOfParallelism = 1,
                });
                return new FitResult(result.Model, result.Labels, new Dictionary<string, double> { [MetricNames.Inertia] = result.Inertia });
            }

            case GmmSpace.Name:
            {
                var result = GaussianMixture.Fit(x, new GaussianMixtureOptions
                {
                    Components = RequireK(variant),
                    CovarianceType = Enum.Parse<CovarianceType>(variant.Setting("gmm.covariance_type"), ignoreCase: true),
                    Seed = trial.Seed,
                    MaxDegreeOfParallelism = 1,
                });
                return new FitResult(result.Model, result.Labels, new Dictionary<string, double>
                {
                    [MetricNames.Bic] = result.Bic,
                    [MetricNames.Aic] = result.Aic,
                });
            }

            case AgglomerativeSpace.Name:
            {
                var linkage = Enum.Parse<Linkage>(variant.Setting("agglomerative.linkage"), ignoreCase: true);
                var labels = data.Tree(linkage).Cut(RequireK(variant));
                return new FitResult(AgglomerativeModel.FromLabels(x, labels, linkage), labels, new Dictionary<string, double>());
            }

            case DbscanSpace.Name:
            {
                var result = Dbscan.Fit(x, new DbscanOptions(
                    double.Parse(variant.Setting("dbscan.eps"), CultureInfo.InvariantCulture),
                    int.Parse(variant.Setting("dbscan.min_samples"), CultureInfo.InvariantCulture),
                    1));
                return new FitResult(result.Model, [.. result.Labels], new Dictionary<string, double>());
            }

            default:
                throw new InvalidOperationException($"trial {trial.RunName}: no fitter for algorithm '{variant.Algorithm}'");
        }
    }

    private static int RequireK(AlgorithmVariant variant) =>
        variant.K ?? throw new InvalidOperationException($"algorithm '{variant.Algorithm}' needs k but the trial has none");
}
