namespace Segmentation.Clustering.Mixture;

/// <summary>Small dense Cholesky helpers for d×d covariance and precision matrices (d is a handful of features).</summary>
internal static class CholeskyFactor
{
    /// <summary>Lower-triangular L with A = L·Lᵀ; false when A is not positive definite.</summary>
    public static bool TryLower(ReadOnlySpan<double> a, int d, Span<double> l)
    {
        l[..(d * d)].Clear();
        for (var j = 0; j < d; j++)
        {
            var diagonal = a[(j * d) + j];
            for (var m = 0; m < j; m++)
            {
                diagonal -= l[(j * d) + m] * l[(j * d) + m];
            }

            if (!(diagonal > 0))
            {
                return false;
            }

            var ljj = Math.Sqrt(diagonal);
            l[(j * d) + j] = ljj;
            for (var i = j + 1; i < d; i++)
            {
                var sum = a[(i * d) + j];
                for (var m = 0; m < j; m++)
                {
                    sum -= l[(i * d) + m] * l[(j * d) + m];
                }

                l[(i * d) + j] = sum / ljj;
            }
        }

        return true;
    }

    /// <summary>P = (L⁻¹)ᵀ for lower-triangular L (so Σ⁻¹ = P·Pᵀ when Σ = L·Lᵀ); P is upper-triangular.</summary>
    public static void PrecisionFromCovarianceFactor(ReadOnlySpan<double> l, int d, Span<double> p)
    {
        p[..(d * d)].Clear();

        // Solve L·Y = I column by column (forward substitution); P = Yᵀ, so P[c, r] = Y[r, c].
        for (var c = 0; c < d; c++)
        {
            for (var r = c; r < d; r++)
            {
                var sum = r == c ? 1.0 : 0.0;
                for (var m = c; m < r; m++)
                {
                    sum -= l[(r * d) + m] * p[(c * d) + m];
                }

                p[(c * d) + r] = sum / l[(r * d) + r];
            }
        }
    }
}
