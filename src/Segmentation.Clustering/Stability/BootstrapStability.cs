using Segmentation.Clustering.Metrics;

namespace Segmentation.Clustering.Stability;

/// <summary>
/// Clustering stability by bootstrap (in the spirit of Ben-Hur, Elisseeff &amp; Guyon 2002 and Hennig 2007): the
/// algorithm is fitted on seeded bootstrap resamples of the rows, and every pair of fits is compared with the
/// adjusted Rand index on the original points both resamples drew. Works for any algorithm given as a delegate.
/// </summary>
public static class BootstrapStability
{
    /// <summary>Mean pairwise ARI of <paramref name="fit"/> over <see cref="StabilityOptions.Resamples"/> bootstrap resamples.</summary>
    /// <param name="x">Finite data with at least 2 rows.</param>
    /// <param name="fit">Clusters a matrix and returns one label per row (−1 allowed); must be deterministic for the result to be.</param>
    /// <param name="options">Resample count and seed.</param>
    /// <exception cref="ArgumentException">Bad data or options, or a fit that returns the wrong number of labels.</exception>
    public static StabilityResult Compute(Matrix x, Func<Matrix, int[]> fit, StabilityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        options ??= new StabilityOptions();
        options.Validate();
        InputChecks.Matrix(x, nameof(x));
        var n = x.Rows;
        var d = x.Cols;
        var random = new Random(options.Seed);

        // labelOf[r][i] = label of original row i in resample r (first draw of it), or int.MinValue if not drawn.
        var labelOf = new int[options.Resamples][];
        for (var r = 0; r < options.Resamples; r++)
        {
            var rows = new int[n];
            var resample = new Matrix(n, d);
            for (var p = 0; p < n; p++)
            {
                rows[p] = random.Next(n);
                x.RowReadOnly(rows[p]).CopyTo(resample.Row(p));
            }

            var labels = fit(resample) ?? throw new ArgumentException("fit returned null instead of labels.", nameof(fit));
            if (labels.Length != n)
            {
                throw new ArgumentException(
                    InputChecks.Invariant($"fit returned {labels.Length} labels for a resample of {n} rows."), nameof(fit));
            }

            var map = new int[n];
            Array.Fill(map, int.MinValue);
            for (var p = 0; p < n; p++)
            {
                if (map[rows[p]] == int.MinValue)
                {
                    map[rows[p]] = labels[p];
                }
            }

            labelOf[r] = map;
        }

        var scores = new List<double>();
        var left = new List<int>(n);
        var right = new List<int>(n);
        for (var r = 0; r < options.Resamples; r++)
        {
            for (var s = r + 1; s < options.Resamples; s++)
            {
                left.Clear();
                right.Clear();
                for (var i = 0; i < n; i++)
                {
                    if (labelOf[r][i] != int.MinValue && labelOf[s][i] != int.MinValue)
                    {
                        left.Add(labelOf[r][i]);
                        right.Add(labelOf[s][i]);
                    }
                }

                // Tiny inputs can draw disjoint resamples; such a pair says nothing and is left out.
                if (left.Count == 0)
                {
                    continue;
                }

                scores.Add(AdjustedRandIndex.Score(
                    System.Runtime.InteropServices.CollectionsMarshal.AsSpan(left),
                    System.Runtime.InteropServices.CollectionsMarshal.AsSpan(right)));
            }
        }

        if (scores.Count == 0)
        {
            throw new ArgumentException(
                InputChecks.Invariant($"x has {n} rows and no two resamples shared a point; use more rows or resamples."), nameof(x));
        }

        return new StabilityResult(scores.Average(), scores);
    }
}
