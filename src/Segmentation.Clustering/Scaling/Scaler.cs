using System.Globalization;

namespace Segmentation.Clustering.Scaling;

/// <summary>Fits the scalers named in a <see cref="ScalerSpec"/> with scikit-learn's formulas.</summary>
public static class Scaler
{
    // scikit-learn's _handle_zeros_in_scale: scales this close to zero mean "constant feature", so divide by 1.
    private const double ZeroScale = 10 * 2.220446049250313e-16;

    /// <summary>Fits one scaler per column of <paramref name="x"/>.</summary>
    public static FittedScaler Fit(Matrix x, IReadOnlyList<string> featureNames, ScalerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(spec);
        if (featureNames.Count != x.Cols)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{featureNames.Count} feature names for {x.Cols} columns."),
                nameof(featureNames));
        }

        if (x.Rows == 0)
        {
            throw new ArgumentException("Cannot fit a scaler on zero rows.", nameof(x));
        }

        x.Validate(nameof(x));
        spec.Validate(featureNames);
        var columns = new ColumnScaler[x.Cols];
        for (var j = 0; j < x.Cols; j++)
        {
            columns[j] = FitColumn(x.Column(j), featureNames[j], spec.For(featureNames[j]));
        }

        return new FittedScaler([.. featureNames], columns);
    }

    /// <summary>Fits the named scaler (or chain: each step fitted in order on the previous step's output) on one column.</summary>
    public static ColumnScaler FitColumn(double[] column, string featureName, string scalerName)
    {
        ArgumentNullException.ThrowIfNull(column);
        var steps = ScalerNames.Split(scalerName);
        if (steps.Count == 1)
        {
            return FitStep(column, featureName, scalerName);
        }

        var fitted = new ColumnScaler[steps.Count];
        var current = column;
        for (var s = 0; s < steps.Count; s++)
        {
            fitted[s] = FitStep(current, featureName, steps[s]);
            if (s + 1 < steps.Count)
            {
                current = Apply(fitted[s], current, featureName);
            }
        }

        // log1p followed by one affine scaler is a single step (f = log1p, then offset and scale): the layout
        // log1p+standard has always been serialised in, so those models, and their predictions, stay byte-identical.
        if (steps.Count == 2 && steps[0] == ScalerNames.Log1p && fitted[1].Transform == ColumnTransform.Identity)
        {
            return new ColumnScaler(scalerName, ColumnTransform.Log1p, 0, fitted[1].Offset, fitted[1].Scale);
        }

        return new ColumnScaler(scalerName, ColumnTransform.Identity, 0, 0, 1) { Steps = fitted };
    }

    private static ColumnScaler FitStep(double[] column, string featureName, string scalerName)
    {
        switch (scalerName)
        {
            case ScalerNames.None:
                return new ColumnScaler(scalerName, ColumnTransform.Identity, 0, 0, 1);
            case ScalerNames.Standard:
            {
                var (mean, scale) = MeanAndScale(column);
                return new ColumnScaler(scalerName, ColumnTransform.Identity, 0, mean, scale);
            }

            case ScalerNames.Robust:
            {
                var sorted = (double[])column.Clone();
                Array.Sort(sorted);
                var median = Statistics.PercentileSorted(sorted, 50);
                var iqr = Statistics.PercentileSorted(sorted, 75) - Statistics.PercentileSorted(sorted, 25);
                return new ColumnScaler(scalerName, ColumnTransform.Identity, 0, median, iqr < ZeroScale ? 1 : iqr);
            }

            case ScalerNames.MinMax:
            {
                var min = column.Min();
                var range = column.Max() - min;
                return new ColumnScaler(scalerName, ColumnTransform.Identity, 0, min, range < ZeroScale ? 1 : range);
            }

            case ScalerNames.MaxAbs:
            {
                var maxAbs = column.Max(Math.Abs);
                return new ColumnScaler(scalerName, ColumnTransform.Identity, 0, 0, maxAbs < ZeroScale ? 1 : maxAbs);
            }

            case ScalerNames.Log1p:
                _ = LogColumn(column, featureName);
                return new ColumnScaler(scalerName, ColumnTransform.Log1p, 0, 0, 1);
            default:
            {
                var lambda = YeoJohnson.FitLambda(column);
                var transformed = column.Select(v => YeoJohnson.Transform(v, lambda)).ToArray();
                var (mean, scale) = MeanAndScale(transformed);
                return new ColumnScaler(scalerName, ColumnTransform.YeoJohnson, lambda, mean, scale);
            }
        }
    }

    private static double[] Apply(ColumnScaler scaler, double[] column, string featureName)
    {
        var result = new double[column.Length];
        for (var i = 0; i < column.Length; i++)
        {
            result[i] = scaler.Apply(column[i], featureName, i);
        }

        return result;
    }

    private static double[] LogColumn(double[] column, string featureName)
    {
        var result = new double[column.Length];
        for (var i = 0; i < column.Length; i++)
        {
            result[i] = ColumnScaler.Log1pChecked(column[i], featureName, i);
        }

        return result;
    }

    private static (double Mean, double Scale) MeanAndScale(double[] column)
    {
        var mean = Statistics.Mean(column);
        var variance = Statistics.Variance(column);

        // scikit-learn's _is_constant_feature: a variance within rounding error of zero is a constant column.
        var n = column.Length;
        var eps = 2.220446049250313e-16;
        var bound = (n * eps * variance) + Math.Pow(n * mean * eps, 2);
        return (mean, variance <= bound ? 1 : Math.Sqrt(variance));
    }
}
