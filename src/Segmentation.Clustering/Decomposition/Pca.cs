using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Segmentation.Clustering.Decomposition;

/// <summary>Principal component analysis matching scikit-learn's PCA(svd_solver="full").</summary>
/// <remarks>
/// The components are the eigenvectors of the sample covariance (equivalently the right singular vectors of the
/// centred data), sorted by decreasing variance. Sign convention, as scikit-learn 1.2's svd_flip with
/// u_based_decision=True: each component is oriented so that the training sample with the largest absolute score
/// on it (the first such sample on ties) has a positive score.
/// </remarks>
public static class Pca
{
    /// <summary>Fits PCA on <paramref name="x"/> as configured by <paramref name="spec"/>.</summary>
    public static FittedPca Fit(Matrix x, ReductionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate(x.Cols);
        if (!spec.IsEnabled)
        {
            throw new ArgumentException("ReductionSpec.None has nothing to fit.", nameof(spec));
        }

        if (x.Rows < 2)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"PCA needs at least 2 samples; got {x.Rows}."), nameof(x));
        }

        x.Validate(nameof(x));
        int n = x.Rows, d = x.Cols;
        var mean = new double[d];
        for (var i = 0; i < n; i++)
        {
            var row = x.RowReadOnly(i);
            for (var j = 0; j < d; j++)
            {
                mean[j] += row[j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            mean[j] /= n;
        }

        // Covariance as the Gram matrix of the centred data: d×d, so the eigen problem is tiny whatever n is.
        var cov = new double[d * d];
        var centred = new double[d];
        for (var i = 0; i < n; i++)
        {
            var row = x.RowReadOnly(i);
            for (var j = 0; j < d; j++)
            {
                centred[j] = row[j] - mean[j];
            }

            for (var a = 0; a < d; a++)
            {
                var ca = centred[a];
                for (var b = a; b < d; b++)
                {
                    cov[(a * d) + b] += ca * centred[b];
                }
            }
        }

        var covariance = Matrix<double>.Build.Dense(d, d, (a, b) => (a <= b ? cov[(a * d) + b] : cov[(b * d) + a]) / (n - 1));
        var evd = covariance.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, d).OrderByDescending(k => evd.EigenValues[k].Real).ThenBy(k => k).ToArray();
        var variances = order.Select(k => Math.Max(0, evd.EigenValues[k].Real)).ToArray();
        var total = variances.Sum();
        if (!(total > 0))
        {
            throw new ArgumentException("PCA input has zero variance: all points are identical.", nameof(x));
        }

        var ratios = variances.Select(v => v / total).ToArray();
        var keep = spec.Components ?? ComponentsForThreshold(ratios, spec.VarianceThreshold!.Value);
        var components = new Matrix(keep, d);
        for (var c = 0; c < keep; c++)
        {
            var vector = evd.EigenVectors.Column(order[c]);
            var norm = vector.L2Norm();
            for (var j = 0; j < d; j++)
            {
                components[c, j] = vector[j] / norm;
            }
        }

        OrientLikeSvdFlip(x, mean, components);
        return new FittedPca(mean, components, variances[..keep], ratios[..keep], spec.Whiten);
    }

    // scikit-learn: searchsorted(cumsum(ratio), threshold, side="right") + 1.
    private static int ComponentsForThreshold(double[] ratios, double threshold)
    {
        var cumulative = 0.0;
        for (var k = 0; k < ratios.Length; k++)
        {
            cumulative += ratios[k];
            if (cumulative > threshold)
            {
                return k + 1;
            }
        }

        return ratios.Length;
    }

    private static void OrientLikeSvdFlip(Matrix x, double[] mean, Matrix components)
    {
        var d = x.Cols;
        var centred = new double[d];
        for (var c = 0; c < components.Rows; c++)
        {
            var axis = components.RowReadOnly(c);
            var best = -1.0;
            var bestScore = 0.0;
            for (var i = 0; i < x.Rows; i++)
            {
                var row = x.RowReadOnly(i);
                for (var j = 0; j < d; j++)
                {
                    centred[j] = row[j] - mean[j];
                }

                var score = 0.0;
                for (var j = 0; j < d; j++)
                {
                    score += centred[j] * axis[j];
                }

                if (Math.Abs(score) > best)
                {
                    best = Math.Abs(score);
                    bestScore = score;
                }
            }

            if (bestScore < 0)
            {
                System.Numerics.Tensors.TensorPrimitives.Negate(components.Row(c), components.Row(c));
            }
        }
    }
}
