using System.Globalization;
using System.Text.Json.Serialization;

namespace Segmentation.Clustering.Scaling;

/// <summary>A fitted per-column scaler: y = (f(x) − Offset) / Scale, or a chain of such steps applied in order.</summary>
/// <param name="Name">The scaler name (<see cref="ScalerNames"/>).</param>
/// <param name="Transform">The elementwise function f.</param>
/// <param name="Lambda">The Yeo-Johnson lambda (0 unless <see cref="ColumnTransform.YeoJohnson"/>).</param>
/// <param name="Offset">Subtracted after f.</param>
/// <param name="Scale">Divided by after subtracting; never zero.</param>
public sealed record ColumnScaler(
    string Name,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ColumnTransform>))] ColumnTransform Transform,
    double Lambda,
    double Offset,
    double Scale)
{
    /// <summary>The fitted steps of a chain such as <c>log1p+power</c>, applied in order; null for a single step.</summary>
    /// <remarks>Absent from the JSON of single-step scalers, so pipelines written before chains existed read unchanged.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ColumnScaler>? Steps { get; init; }

    /// <summary>Applies the scaler to one value; <paramref name="feature"/> and <paramref name="row"/> only name a bad value in the error.</summary>
    public double Apply(double x, string feature, int row)
    {
        if (Steps is { } steps)
        {
            foreach (var step in steps)
            {
                x = step.Apply(x, feature, row);
            }

            return x;
        }

        var f = Transform switch
        {
            ColumnTransform.Log1p => Log1pChecked(x, feature, row),
            ColumnTransform.YeoJohnson => YeoJohnson.Transform(x, Lambda),
            _ => x,
        };
        return (f - Offset) / Scale;
    }

    internal static double Log1pChecked(double x, string feature, int row)
    {
        if (x < 0)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Feature '{feature}' has negative value {x} at row {row}; the log1p scaler needs values >= 0 (use 'power' for signed data)."),
                "x");
        }

        return Statistics.Log1p(x);
    }
}
