using System.Globalization;

namespace Segmentation.Runner.Reporting.Exporters;

/// <summary>Number and text formatting the exporters share, always in the invariant culture.</summary>
internal static class ReportFormat
{
    /// <summary>Round-trip text of a metric value; empty when it was not logged (NaN).</summary>
    public static string RoundTrip(double value) => double.IsNaN(value) ? string.Empty : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Six significant digits, as the MLflow UI shows metrics.</summary>
    public static string Short(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>An integer in the invariant culture.</summary>
    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).</summary>
    public static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
