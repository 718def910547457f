using System.Globalization;
using System.Text.Json.Serialization;

namespace Segmentation.Clustering.Mixture;

/// <summary>A fitted Gaussian mixture: assigns each point to its most probable component.</summary>
[ClusterModelKind("gmm")]
public sealed class GaussianMixtureModel : IClusterModel
{
    private readonly MixtureParameters parameters;

    /// <summary>Creates the model from its parameters; <paramref name="precisionsCholesky"/> is laid out as in <see cref="GaussianMixtureOptions.PrecisionsInit"/>.</summary>
    [JsonConstructor]
    public GaussianMixtureModel(CovarianceType covarianceType, double[] weights, Matrix means, double[] precisionsCholesky)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(precisionsCholesky);
        if (weights.Length != means.Rows || precisionsCholesky.Length != MixtureParameters.PrecisionLength(covarianceType, means.Rows, means.Cols))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Inconsistent mixture: {weights.Length} weights, {means.Rows}x{means.Cols} means, {precisionsCholesky.Length} precision values."),
                nameof(precisionsCholesky));
        }

        means.Validate(nameof(means));
        CovarianceType = covarianceType;
        Weights = weights;
        Means = means;
        PrecisionsCholesky = precisionsCholesky;
        parameters = new MixtureParameters(covarianceType, weights, means.Data, precisionsCholesky, means.Rows, means.Cols);
    }

    /// <summary>Covariance shape.</summary>
    public CovarianceType CovarianceType { get; }

    /// <summary>Mixing weights (sum to 1).</summary>
    public double[] Weights { get; }

    /// <summary>Component means, one per row.</summary>
    public Matrix Means { get; }

    /// <summary>Cholesky factors P of the precisions (Σ⁻¹ = P·Pᵀ), flat as in <see cref="GaussianMixtureOptions.PrecisionsInit"/>.</summary>
    public double[] PrecisionsCholesky { get; }

    /// <inheritdoc />
    [JsonIgnore]
    public string Algorithm => "gmm";

    /// <inheritdoc />
    [JsonIgnore]
    public int ClusterCount => Means.Rows;

    /// <inheritdoc />
    [JsonIgnore]
    public int FeatureCount => Means.Cols;

    /// <summary>Number of free parameters (for BIC and AIC).</summary>
    [JsonIgnore]
    public int ParameterCount => MixtureParameters.ParameterCount(CovarianceType, ClusterCount, FeatureCount);

    internal MixtureParameters Parameters => parameters;

    /// <inheritdoc />
    public int Predict(ReadOnlySpan<double> x)
    {
        CheckWidth(x.Length);
        Span<double> logProb = stackalloc double[ClusterCount];
        Span<double> scratch = stackalloc double[MixtureParameters.PaddedWidth(FeatureCount)];
        parameters.WeightedLogProbabilities(x, logProb, scratch);
        return ArgMax(logProb);
    }

    /// <inheritdoc />
    public int[] Predict(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckWidth(x.Cols);
        var labels = new int[x.Rows];
        var logProb = new double[ClusterCount];
        var scratch = new double[MixtureParameters.PaddedWidth(FeatureCount)];
        for (var i = 0; i < x.Rows; i++)
        {
            parameters.WeightedLogProbabilities(x.RowReadOnly(i), logProb, scratch);
            labels[i] = ArgMax(logProb);
        }

        return labels;
    }

    /// <summary>Posterior probability of each component for each row (rows × components).</summary>
    public Matrix PredictProbabilities(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckWidth(x.Cols);
        var result = new Matrix(x.Rows, ClusterCount);
        var scratch = new double[MixtureParameters.PaddedWidth(FeatureCount)];
        for (var i = 0; i < x.Rows; i++)
        {
            var row = result.Row(i);
            parameters.WeightedLogProbabilities(x.RowReadOnly(i), row, scratch);
            var norm = MixtureParameters.LogSumExp(row);
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = Math.Exp(row[c] - norm);
            }
        }

        return result;
    }

    /// <summary>Mean log-likelihood of the rows of <paramref name="x"/> (scikit-learn's score).</summary>
    public double Score(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckWidth(x.Cols);
        var logProb = new double[ClusterCount];
        var scratch = new double[MixtureParameters.PaddedWidth(FeatureCount)];
        var total = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            parameters.WeightedLogProbabilities(x.RowReadOnly(i), logProb, scratch);
            total += MixtureParameters.LogSumExp(logProb);
        }

        return total / x.Rows;
    }

    /// <summary>Bayesian information criterion on <paramref name="x"/>: −2·n·score + p·ln n.</summary>
    public double Bic(Matrix x) => (-2 * Score(x) * x.Rows) + (ParameterCount * Math.Log(x.Rows));

    /// <summary>Akaike information criterion on <paramref name="x"/>: −2·n·score + 2p.</summary>
    public double Aic(Matrix x) => (-2 * Score(x) * x.Rows) + (2 * ParameterCount);

    internal static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var c = 1; c < values.Length; c++)
        {
            if (values[c] > values[best])
            {
                best = c;
            }
        }

        return best;
    }

    private void CheckWidth(int cols)
    {
        if (cols != FeatureCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Point has {cols} features; the model was fitted on {FeatureCount}."), "x");
        }
    }
}
