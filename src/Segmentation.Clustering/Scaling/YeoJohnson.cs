namespace Segmentation.Clustering.Scaling;

/// <summary>The Yeo-Johnson power transform (Yeo &amp; Johnson 2000) and its maximum-likelihood lambda.</summary>
/// <remarks>
/// Lambda maximises the profile log-likelihood of a normal fit to the transformed data,
/// −n/2·log σ²(λ) + (λ − 1)·Σ sign(x)·log(1 + |x|), found with Brent's method from the bracket (−2, 2)
/// exactly as scikit-learn's PowerTransformer does (via scipy.optimize.brent), with numpy's arithmetic (pairwise sums,
/// <c>np.var</c>, the C library's log1p/pow/log), so the lambda is scikit-learn's to the last bit on numpy's libm path.
/// </remarks>
public static class YeoJohnson
{
    // numpy's spacing(1.0): the lambda tolerance scikit-learn uses to switch to the log branches.
    private const double Spacing1 = 2.220446049250313e-16;

    // Smallest normal double (numpy finfo.tiny): below it log(variance) is meaningless.
    private const double TinyNormal = 2.2250738585072014e-308;

    /// <summary>Transforms one value.</summary>
    public static double Transform(double x, double lambda)
    {
        if (x >= 0)
        {
            return Math.Abs(lambda) < Spacing1
                ? Log1p(x)
                : (Math.Pow(x + 1, lambda) - 1) / lambda;
        }

        return Math.Abs(lambda - 2) > Spacing1
            ? -(Math.Pow(-x + 1, 2 - lambda) - 1) / (2 - lambda)
            : -Log1p(-x);
    }

    /// <summary>Finds the lambda that maximises the log-likelihood for the column <paramref name="x"/>.</summary>
    public static double FitLambda(ReadOnlySpan<double> x)
    {
        var values = x.ToArray();
        // Summed and averaged as numpy does (pairwise), not with running sums: near the optimum Brent compares
        // likelihoods that differ only in their last bits, so any other summation order moves lambda by ~1e-8.
        var logs = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            logs[i] = Math.Sign(values[i]) * Log1p(Math.Abs(values[i]));
        }

        var logTerm = Statistics.NumpySum(logs);

        var transformed = new double[values.Length];
        double NegLogLikelihood(double lambda)
        {
            for (var i = 0; i < values.Length; i++)
            {
                transformed[i] = Transform(values[i], lambda);
            }

            var variance = Statistics.NumpyVariance(transformed);
            if (!(variance >= TinyNormal))
            {
                // Matches scikit-learn: a degenerate (or overflowing) transform is never the optimum.
                return double.PositiveInfinity;
            }

            return -((-values.Length / 2.0 * Math.Log(variance)) + ((lambda - 1) * logTerm));
        }

        return BrentMinimizer.Minimize(NegLogLikelihood, -2, 2);
    }

    private static double Log1p(double x) => Statistics.Log1p(x);
}
