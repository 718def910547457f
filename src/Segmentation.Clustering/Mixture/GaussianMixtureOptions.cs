using System.Globalization;

namespace Segmentation.Clustering.Mixture;

/// <summary>Gaussian mixture settings; defaults are scikit-learn 1.2's GaussianMixture defaults (except the component count).</summary>
public sealed record GaussianMixtureOptions
{
    /// <summary>Number of mixture components k (default 2; scikit-learn's 1 is not a clustering), 2 ≤ k ≤ samples.</summary>
    public int Components { get; init; } = 2;

    /// <summary>Covariance shape (default full).</summary>
    public CovarianceType CovarianceType { get; init; } = CovarianceType.Full;

    /// <summary>EM stops when the lower bound (mean log-likelihood) changes by less than this (default 1e-3).</summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>Added to covariance diagonals so they stay positive definite (default 1e-6).</summary>
    public double RegCovar { get; init; } = 1e-6;

    /// <summary>Maximum EM iterations per initialisation (default 100).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Initialisations; the one with the highest lower bound wins (default 1).</summary>
    public int NInit { get; init; } = 1;

    /// <summary>Seed of the k-means initialisation (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>Threads to use (default: all cores); the result is the same for any value.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Explicit initial weights (k, summing to 1) instead of the k-means estimate.</summary>
    public double[]? WeightsInit { get; init; }

    /// <summary>Explicit initial means (k × features) instead of the k-means estimate.</summary>
    public Matrix? MeansInit { get; init; }

    /// <summary>Explicit initial precisions (inverse covariances), flat: full k·d·d, tied d·d, diag k·d, spherical k.</summary>
    public double[]? PrecisionsInit { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad option and its value for data <paramref name="x"/>.</summary>
    public void Validate(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rows < 2)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A Gaussian mixture needs at least 2 samples; got {x.Rows}."), nameof(x));
        }

        if (Components < 2 || Components > x.Rows)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Components (k) is {Components}; expected 2 <= k <= {x.Rows} (the number of samples)."),
                nameof(Components));
        }

        Require(Tolerance >= 0 && double.IsFinite(Tolerance), nameof(Tolerance), Tolerance, "a finite number >= 0");
        Require(RegCovar >= 0 && double.IsFinite(RegCovar), nameof(RegCovar), RegCovar, "a finite number >= 0");
        Require(MaxIterations >= 1, nameof(MaxIterations), MaxIterations, ">= 1");
        Require(NInit >= 1, nameof(NInit), NInit, ">= 1");
        Require(MaxDegreeOfParallelism is null or >= 1, nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism ?? 0, ">= 1");
        if (!Enum.IsDefined(CovarianceType))
        {
            throw new ArgumentException($"CovarianceType is {CovarianceType}; expected Full, Tied, Diag or Spherical.", nameof(CovarianceType));
        }

        int k = Components, d = x.Cols;
        if (WeightsInit is { } w)
        {
            Require(w.Length == k, nameof(WeightsInit), w.Length, $"{k} weights (one per component)");
            Require(w.All(v => v >= 0 && double.IsFinite(v)) && Math.Abs(w.Sum() - 1) < 1e-6, nameof(WeightsInit), w.Sum(), "non-negative weights summing to 1");
        }

        if (MeansInit is { } m)
        {
            if (m.Rows != k || m.Cols != d)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"MeansInit is {m.Rows}x{m.Cols}; expected {k}x{d} (components x features)."),
                    nameof(MeansInit));
            }

            m.Validate(nameof(MeansInit));
        }

        if (PrecisionsInit is { } p)
        {
            var expected = MixtureParameters.PrecisionLength(CovarianceType, k, d);
            Require(p.Length == expected, nameof(PrecisionsInit), p.Length, $"{expected} values for covariance type {CovarianceType}");
            Require(p.All(double.IsFinite), nameof(PrecisionsInit), p.Length, "finite values");
        }
    }

    private static void Require(bool ok, string name, double value, string expected)
    {
        if (!ok)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} is {value}; expected {expected}."), name);
        }
    }
}
