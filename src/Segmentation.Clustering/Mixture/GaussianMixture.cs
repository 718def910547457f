using System.Globalization;
using System.Runtime.Intrinsics;

namespace Segmentation.Clustering.Mixture;

/// <summary>Gaussian mixture clustering by expectation–maximisation (Dempster, Laird &amp; Rubin 1977), matching scikit-learn's GaussianMixture.</summary>
/// <remarks>
/// Initialisation as scikit-learn's init_params="kmeans": responsibilities are the one-hot labels of a single
/// k-means++ run, from which weights, means and covariances are estimated; explicit weights, means and precisions
/// override those estimates. Each EM iteration runs an E-step (whose mean log-likelihood is the lower bound) then
/// an M-step, and stops when the lower bound changes by less than the tolerance. After the best initialisation is
/// chosen (highest lower bound) a final E-step makes the labels consistent with the returned parameters.
/// </remarks>
public static class GaussianMixture
{
    /// <summary>Fits a mixture to the rows of <paramref name="x"/>.</summary>
    public static GaussianMixtureResult Fit(Matrix x, GaussianMixtureOptions options) =>
        Fit(x, options, pointBlocks: true, wide: Vector512.IsHardwareAccelerated);

    /// <summary>
    /// <see cref="Fit(Matrix, GaussianMixtureOptions)"/>, optionally in the per-row layout even where the point-block
    /// layout applies, and with the block layout's width chosen (tests compare the layouts and the widths).
    /// </summary>
    internal static GaussianMixtureResult Fit(Matrix x, GaussianMixtureOptions options, bool pointBlocks, bool wide)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(x);
        x.Validate(nameof(x));
        var first = x.RowReadOnly(0);
        var identical = true;
        for (var i = 1; i < x.Rows && identical; i++)
        {
            identical = x.RowReadOnly(i).SequenceEqual(first);
        }

        if (identical)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"All {x.Rows} samples are identical; a mixture of {options.Components} components is undefined."), nameof(x));
        }

        int k = options.Components, d = x.Cols;
        var parallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
        var run = new GaussianMixtureRun(x, k, options.CovarianceType, options.RegCovar, parallelism, pointBlocks, wide);
        var explicitInit = options.WeightsInit is not null && options.MeansInit is not null && options.PrecisionsInit is not null;

        MixtureParameters? best = null;
        var bestLowerBound = double.NegativeInfinity;
        var bestIterations = 0;
        var converged = false;
        for (var init = 0; init < options.NInit; init++)
        {
            var parameters = Initialise(x, options, run, init, parallelism, explicitInit);
            var lowerBound = double.NegativeInfinity;
            var iteration = 1;
            for (; iteration <= options.MaxIterations; iteration++)
            {
                var previous = lowerBound;
                lowerBound = run.EStep(parameters);
                parameters = run.MStep(normaliseBySamples: false);
                if (Math.Abs(lowerBound - previous) < options.Tolerance)
                {
                    converged = true;
                    break;
                }
            }

            if (best is null || lowerBound > bestLowerBound)
            {
                best = parameters;
                bestLowerBound = lowerBound;
                bestIterations = Math.Min(iteration, options.MaxIterations);
            }
        }

        var score = run.EStep(best!);
        var model = new GaussianMixtureModel(options.CovarianceType, best!.Weights, new Matrix(best.Means, k, d), best.PrecisionsCholesky);
        var nParameters = model.ParameterCount;
        var bic = (-2 * score * x.Rows) + (nParameters * Math.Log(x.Rows));
        var aic = (-2 * score * x.Rows) + (2 * nParameters);
        return new GaussianMixtureResult(model, (int[])run.Labels.Clone(), bestLowerBound, bestIterations, converged, score, bic, aic);
    }

    private static MixtureParameters Initialise(
        Matrix x, GaussianMixtureOptions options, GaussianMixtureRun run, int init, int parallelism, bool explicitInit)
    {
        int k = options.Components, d = x.Cols;
        MixtureParameters? estimated = null;
        if (!explicitInit)
        {
            var kmeans = KMeans.KMeans.Fit(x, new KMeans.KMeansOptions
            {
                Clusters = k,
                NInit = 1,
                Seed = unchecked((options.Seed * 7919) + init),
                MaxDegreeOfParallelism = parallelism,
            });
            run.SetHardResponsibilities(kmeans.Labels);
            estimated = run.MStep(normaliseBySamples: true);
        }

        var weights = options.WeightsInit is { } w ? (double[])w.Clone() : estimated!.Weights;
        var means = options.MeansInit is { } m ? (double[])m.Data.Clone() : estimated!.Means;
        var precisionsCholesky = options.PrecisionsInit is { } p ? run.PrecisionCholeskyFromPrecision(p) : estimated!.PrecisionsCholesky;
        return new MixtureParameters(options.CovarianceType, weights, means, precisionsCholesky, k, d);
    }
}
