using System.Globalization;

namespace Segmentation.Clustering.KMeans;

/// <summary>K-means settings; defaults are scikit-learn 1.2's KMeans defaults.</summary>
public sealed record KMeansOptions
{
    /// <summary>Number of clusters k (default 8), 2 ≤ k ≤ samples.</summary>
    public int Clusters { get; init; } = 8;

    /// <summary>Independent k-means++ starts; the lowest inertia wins (default 10). Ignored (1) with <see cref="InitialCenters"/>.</summary>
    public int NInit { get; init; } = 10;

    /// <summary>Maximum iterations per start (default 300).</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>Convergence tolerance on the squared centre shift, relative to the mean feature variance (default 1e-4).</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Iteration scheme (default Lloyd).</summary>
    public KMeansAlgorithm Algorithm { get; init; } = KMeansAlgorithm.Lloyd;

    /// <summary>Seed of every random choice (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>Threads to use (default: all cores); the result is the same for any value.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Explicit starting centres (k × features) instead of k-means++.</summary>
    public Matrix? InitialCenters { get; init; }

    /// <summary>Record the inertia after every Lloyd assignment step of the best run (for diagnostics and tests).</summary>
    public bool RecordInertiaTrace { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad option and its value for data <paramref name="x"/>.</summary>
    public void Validate(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rows < 2)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"K-means needs at least 2 samples; got {x.Rows}."), nameof(x));
        }

        if (Clusters < 2 || Clusters > x.Rows)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Clusters (k) is {Clusters}; expected 2 <= k <= {x.Rows} (the number of samples)."),
                nameof(Clusters));
        }

        Require(NInit >= 1, nameof(NInit), NInit, ">= 1");
        Require(MaxIterations >= 1, nameof(MaxIterations), MaxIterations, ">= 1");
        Require(Tolerance >= 0 && double.IsFinite(Tolerance), nameof(Tolerance), Tolerance, "a finite number >= 0");
        Require(MaxDegreeOfParallelism is null or >= 1, nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism ?? 0, ">= 1");
        if (!Enum.IsDefined(Algorithm))
        {
            throw new ArgumentException($"Algorithm is {Algorithm}; expected Lloyd or Elkan.", nameof(Algorithm));
        }

        if (InitialCenters is { } init)
        {
            if (init.Rows != Clusters || init.Cols != x.Cols)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"InitialCenters is {init.Rows}x{init.Cols}; expected {Clusters}x{x.Cols} (k x features)."),
                    nameof(InitialCenters));
            }

            init.Validate(nameof(InitialCenters));
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
