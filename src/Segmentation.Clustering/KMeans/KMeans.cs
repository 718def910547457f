using System.Globalization;

namespace Segmentation.Clustering.KMeans;

/// <summary>K-means clustering (Lloyd or Elkan 2003) with greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007), matching scikit-learn's KMeans.</summary>
/// <remarks>
/// As scikit-learn: the data are centred on their mean before fitting (better conditioned distances), the tolerance
/// is <c>tol × mean feature variance</c>, and the best of n_init starts by inertia is kept. Every start draws from
/// its own seeded stream (<see cref="SeededRandom.ForStream"/>) and every reduction runs in a fixed block order, so
/// the result depends on the seed only — never on the thread count or on which start finishes first.
/// </remarks>
public static class KMeans
{
    /// <summary>Fits k-means to the rows of <paramref name="x"/>.</summary>
    public static KMeansResult Fit(Matrix x, KMeansOptions options)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(x);
        x.Validate(nameof(x));
        int n = x.Rows, d = x.Cols, k = options.Clusters;

        var mean = new double[d];
        for (var i = 0; i < n; i++)
        {
            var row = x.RowReadOnly(i);
            for (var f = 0; f < d; f++)
            {
                mean[f] += row[f];
            }
        }

        for (var f = 0; f < d; f++)
        {
            mean[f] /= n;
        }

        var centred = new Matrix(n, d);
        var varianceSum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var source = x.RowReadOnly(i);
            var target = centred.Row(i);
            for (var f = 0; f < d; f++)
            {
                target[f] = source[f] - mean[f];
                varianceSum += target[f] * target[f];
            }
        }

        if (AllRowsEqual(x))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"All {n} samples are identical; k-means with k={k} is undefined."), nameof(x));
        }

        var tolerance = options.Tolerance * (varianceSum / n / d);
        var parallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
        var starts = options.InitialCenters is null ? options.NInit : 1;
        var outcomes = new StartOutcome[starts];

        if (starts > 1 && parallelism > 1)
        {
            // Whole starts in parallel (no per-iteration synchronisation); each start runs single-threaded.
            Parallel.For(
                0,
                starts,
                new ParallelOptions { MaxDegreeOfParallelism = parallelism },
                () => new KMeansRun(centred, k, 1),
                (start, _, run) =>
                {
                    outcomes[start] = RunStart(run, centred, mean, options, tolerance, start);
                    return run;
                },
                _ => { });
        }
        else
        {
            var run = new KMeansRun(centred, k, parallelism);
            for (var start = 0; start < starts; start++)
            {
                outcomes[start] = RunStart(run, centred, mean, options, tolerance, start);
            }
        }

        var best = outcomes[0];
        foreach (var outcome in outcomes)
        {
            if (outcome.Inertia < best.Inertia)
            {
                best = outcome;
            }
        }

        var centers = new Matrix(best.Centers, k, d);
        for (var j = 0; j < k; j++)
        {
            var c = centers.Row(j);
            for (var f = 0; f < d; f++)
            {
                c[f] += mean[f];
            }
        }

        return new KMeansResult(new KMeansModel(centers), best.Labels, best.Inertia, best.Iterations, best.Trace ?? []);
    }

    private static StartOutcome RunStart(KMeansRun run, Matrix centred, double[] mean, KMeansOptions options, double tolerance, int start)
    {
        int k = options.Clusters, d = centred.Cols;
        var initial = new double[k * d];
        if (options.InitialCenters is { } given)
        {
            for (var j = 0; j < k; j++)
            {
                var source = given.RowReadOnly(j);
                for (var f = 0; f < d; f++)
                {
                    initial[(j * d) + f] = source[f] - mean[f];
                }
            }
        }
        else
        {
            run.Seeder.Seed(k, SeededRandom.ForStream(options.Seed, start), initial);
        }

        var trace = options.RecordInertiaTrace && options.Algorithm == KMeansAlgorithm.Lloyd ? new List<double>() : null;
        var (inertia, iterations) = run.Run(initial, options.Algorithm, options.MaxIterations, tolerance, trace);
        return new StartOutcome(inertia, iterations, run.Centers.ToArray(), (int[])run.Labels.Clone(), trace);
    }

    private static bool AllRowsEqual(Matrix x)
    {
        var first = x.RowReadOnly(0);
        for (var i = 1; i < x.Rows; i++)
        {
            if (!x.RowReadOnly(i).SequenceEqual(first))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record StartOutcome(double Inertia, int Iterations, double[] Centers, int[] Labels, List<double>? Trace);
}
