using System.Globalization;
using System.Text.Json.Serialization;

namespace Segmentation.Clustering.Scaling;

/// <summary>A fitted per-column scaler: y = (f(x) − Offset) / Scale.</summary>
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
    /// <summary>Applies the scaler to one value; <paramref name="feature"/> and <paramref name="row"/> only name a bad value in the error.</summary>
    public double Apply(double x, string feature, int row)
    {
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
