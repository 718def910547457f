using System.Globalization;
using System.Text;
using Segmentation.Monitoring.Configuration;
using Segmentation.Monitoring.Drift;
using Segmentation.Runner.Reporting.Exporters;

namespace Segmentation.Monitoring.Reporting;

/// <summary>The console table of <c>segment drift</c>: the verdict, the per-feature table, the segment shares and the decay figures.</summary>
public sealed class DriftText : IReportExporter<DriftReport>
{
    /// <summary>The shared instance.</summary>
    public static DriftText Instance { get; } = new();

    /// <inheritdoc/>
    public string FileName => "drift.txt";

    /// <inheritdoc/>
    public string Export(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var w = new StringBuilder();
        var version = report.ModelVersion.Length > 0 ? " version " + report.ModelVersion : string.Empty;
        Line(w, $"model:      {report.ModelName}{version} (run {report.ModelRunId})");
        Line(w, $"reference:  {report.Reference.Name} {Short(report.Reference.Digest)} ({report.Reference.Customers:N0} customers{Date(report.Reference.ReferenceDate)})");
        Line(w, $"current:    {report.Current.Source} ({report.Current.Customers:N0} customers{Date(report.Current.ReferenceDate)})");
        Line(w, $"status:     {Word(report.Status).ToUpperInvariant()} (PSI stable < {report.Thresholds.PsiWarn}, warn up to {report.Thresholds.PsiAlert}, alert above)");
        w.Append('\n');
        var width = Math.Max(16, report.Features.Max(f => f.Name.Length) + 2);
        Line(w, $"{"feature".PadRight(width)}{"psi",8}  {"status",-7}{"ks D",8}{"ks p-value",12}{"mean ref",12}{"mean cur",12}{"median ref",12}{"median cur",12}{"missing",10}");
        foreach (var f in report.Features)
        {
            Line(w, $"{f.Name.PadRight(width)}{f.Psi.Value,8:0.0000}  {Word(f.Status),-7}{f.Ks.Statistic,8:0.0000}{P(f.Ks.PValue),12}{Num(f.Reference.Mean),12}{Num(f.Current.Mean),12}{Num(f.Reference.Median),12}{Num(f.Current.Median),12}{Pct(f.Current.MissingShare),10}");
        }

        var s = report.Segments;
        w.Append('\n');
        Line(w, $"segments:   psi {s.Psi:0.0000} ({Word(s.Status)}), chi-square {s.ChiSquare.Statistic:0.0} on {s.ChiSquare.DegreesOfFreedom} df, p-value {P(s.ChiSquare.PValue).Trim()}");
        var nameWidth = Math.Max(12, s.Shares.Max(x => x.Name.Length) + 2);
        var header = new StringBuilder($"{"segment".PadRight(nameWidth)}{"training",10}{"share",9}{"current",10}{"share",9}");
        foreach (var feature in s.ProfileFeatures)
        {
            header.Append(CultureInfo.InvariantCulture, $"  {Abbreviate(feature) + " ref→cur",-24}");
        }

        Line(w, $"{header}");
        foreach (var x in s.Shares)
        {
            var row = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{x.Name.PadRight(nameWidth)}{x.TrainingCount,10:N0}{Pct(x.TrainingShare),9}{x.CurrentCount,10:N0}{Pct(x.CurrentShare),9}"));
            foreach (var feature in s.ProfileFeatures)
            {
                var pair = $"{Num(x.TrainingProfile.GetValueOrDefault(feature, double.NaN)).Trim()} → {Num(x.CurrentProfile.GetValueOrDefault(feature, double.NaN)).Trim()}";
                row.Append(CultureInfo.InvariantCulture, $"  {pair,-24}");
            }

            Line(w, $"{row.ToString().TrimEnd()}");
        }

        var d = report.Decay;
        w.Append('\n');
        Line(w, $"decay:      silhouette {(d.TrainingSilhouette is { } t ? Num(t).Trim() : "n/a")} at training → {Num(d.CurrentSilhouette).Trim()} now; refit ARI {Num(d.RefitAri).Trim()}{(d.RefitConfiguration is { } c ? $" ({c} refitted on the new customers)" : string.Empty)}");
        if (d.Note is { } note)
        {
            Line(w, $"            {note}");
        }

        return w.ToString();
    }

    private static void Line(StringBuilder w, FormattableString text) => w.Append(text.ToString(CultureInfo.InvariantCulture).TrimEnd()).Append('\n');

    private static string Word(DriftStatus status) => DriftStatusNames.Of(status);

    private static string Short(string digest) => digest.Length > 12 ? digest[..12] : digest;

    private static string Date(DateOnly? date) => date is { } d ? ", reference date " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;

    private static string P(double p) => double.IsNaN(p) ? "n/a" : p.ToString(p < 1e-4 ? "0.00e+00" : "0.0000", CultureInfo.InvariantCulture);

    private static string Num(double x) => double.IsNaN(x) ? "n/a" : x.ToString(Math.Abs(x) >= 1000 ? "N0" : Math.Abs(x) >= 10 ? "0.0" : "0.000", CultureInfo.InvariantCulture);

    private static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Abbreviate(string feature) => feature.Length > 14 ? feature[..14] : feature;
}
