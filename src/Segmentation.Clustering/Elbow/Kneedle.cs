using Segmentation.Clustering.Metrics;

namespace Segmentation.Clustering.Elbow;

/// <summary>
/// Kneedle knee/elbow detection (Satopää, Albrecht, Irwin &amp; Raghavan 2011, "Finding a 'Kneedle' in a Haystack:
/// Detecting Knee Points in System Behavior", ICDCS workshops) for a convex, decreasing curve such as inertia
/// against k, offline, with the same steps and tie rules as the python kneed package.
/// </summary>
/// <remarks>
/// Steps: normalise x and y to [0, 1]; flip y (y ↦ max − y) so the elbow becomes a knee; difference curve
/// d = y − x; local maxima and minima of d (each point compared with both neighbours, ≥ / ≤, ends compared with
/// themselves); threshold at each maximum T = d_max − S·mean(Δx); walking right from the first maximum, a minimum resets
/// the threshold to 0, and the first point whose successor falls below the threshold makes the last maximum the knee.
/// </remarks>
public static class Kneedle
{
    /// <summary>The x of the knee of the convex, decreasing curve (x, y), or null when there is none.</summary>
    /// <param name="x">Strictly increasing, finite, at least 2 values.</param>
    /// <param name="y">Finite values, one per x; a constant y has no knee.</param>
    /// <param name="sensitivity">S ≥ 0: larger is more conservative (kneed's default 1.0).</param>
    /// <exception cref="ArgumentException">Mismatched lengths, fewer than 2 points, non-finite values, x not strictly increasing, or S &lt; 0.</exception>
    public static double? FindKnee(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double sensitivity = 1.0)
    {
        Validate(x, y, sensitivity);
        var n = x.Length;
        var yMin = double.PositiveInfinity;
        var yMax = double.NegativeInfinity;
        foreach (var v in y)
        {
            yMin = Math.Min(yMin, v);
            yMax = Math.Max(yMax, v);
        }

        if (yMax == yMin)
        {
            return null;
        }

        var xMin = x[0];
        var xRange = x[n - 1] - x[0];
        var xNormalised = new double[n];
        var difference = new double[n];
        var flippedMax = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            xNormalised[i] = (x[i] - xMin) / xRange;
            difference[i] = (y[i] - yMin) / (yMax - yMin);
            flippedMax = Math.Max(flippedMax, difference[i]);
        }

        for (var i = 0; i < n; i++)
        {
            difference[i] = flippedMax - difference[i] - xNormalised[i];
        }

        var meanStep = 0.0;
        for (var i = 1; i < n; i++)
        {
            meanStep += xNormalised[i] - xNormalised[i - 1];
        }

        meanStep = Math.Abs(meanStep / (n - 1));

        var firstMaximum = -1;
        for (var i = 0; i < n && firstMaximum < 0; i++)
        {
            if (IsMaximum(difference, i))
            {
                firstMaximum = i;
            }
        }

        if (firstMaximum < 0)
        {
            return null;
        }

        var threshold = 0.0;
        var thresholdIndex = firstMaximum;
        for (var i = firstMaximum; i < n - 1; i++)
        {
            if (IsMaximum(difference, i))
            {
                threshold = difference[i] - (sensitivity * meanStep);
                thresholdIndex = i;
            }

            if (IsMinimum(difference, i))
            {
                threshold = 0.0;
            }

            if (difference[i + 1] < threshold)
            {
                return x[thresholdIndex];
            }
        }

        return null;
    }

    /// <summary>The elbow k of an inertia curve over <paramref name="ks"/>, or null when there is none.</summary>
    /// <exception cref="ArgumentException">See <see cref="FindKnee"/>.</exception>
    public static int? FindElbow(IReadOnlyList<int> ks, IReadOnlyList<double> inertia, double sensitivity = 1.0)
    {
        ArgumentNullException.ThrowIfNull(ks);
        ArgumentNullException.ThrowIfNull(inertia);
        var x = ks.Select(k => (double)k).ToArray();
        var knee = FindKnee(x, inertia.ToArray(), sensitivity);
        return knee is { } value ? (int)value : null;
    }

    private static bool IsMaximum(double[] d, int i) =>
        d[i] >= d[Math.Max(i - 1, 0)] && d[i] >= d[Math.Min(i + 1, d.Length - 1)];

    private static bool IsMinimum(double[] d, int i) =>
        d[i] <= d[Math.Max(i - 1, 0)] && d[i] <= d[Math.Min(i + 1, d.Length - 1)];

    private static void Validate(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double sensitivity)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException(InputChecks.Invariant($"x has {x.Length} values but y has {y.Length}."), nameof(y));
        }

        if (x.Length < 2)
        {
            throw new ArgumentException(InputChecks.Invariant($"x has {x.Length} value(s); a curve needs at least 2 points."), nameof(x));
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]) || (i > 0 && !(x[i] > x[i - 1])))
            {
                throw new ArgumentException(
                    InputChecks.Invariant($"x[{i}] = {x[i]}; x must be finite and strictly increasing."), nameof(x));
            }

            if (!double.IsFinite(y[i]))
            {
                throw new ArgumentException(InputChecks.Invariant($"y[{i}] = {y[i]}; y must be finite."), nameof(y));
            }
        }

        if (!(sensitivity >= 0) || !double.IsFinite(sensitivity))
        {
            throw new ArgumentOutOfRangeException(
                nameof(sensitivity), sensitivity, InputChecks.Invariant($"sensitivity = {sensitivity}; S must be a finite number >= 0."));
        }
    }
}
