using System.Globalization;
using Segmentation.Data.Features;
using Segmentation.Data.Pipeline;

namespace Segmentation.Cli.Commands;

/// <summary>The text <c>segment data features</c> prints: stage counts, then an aligned per-feature statistics table.</summary>
public static class DataFeaturesReport
{
    /// <summary>Formats a pipeline result under the invariant culture.</summary>
    public static string Format(FeatureBuildResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var w = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var ingestion = result.Ingestion;
        w.WriteLine($"input {ingestion.File} ({ingestion.Format}{(ingestion.Sheet is null ? "" : ", sheet " + ingestion.Sheet)})");
        Count(w, "rows read", ingestion.RowsRead);
        if (ingestion.RejectedRowsFile is not null)
        {
            Count(w, "rows rejected", ingestion.RowsRejected, $"  (written to {ingestion.RejectedRowsFile})");
        }

        w.WriteLine("rows removed by cleaning rule");
        var rule = 1;
        foreach (var outcome in result.Cleaning.Rules)
        {
            var label = $"  {rule++} {outcome.Description}";
            if (outcome.Enabled)
            {
                Count(w, label, outcome.RowsRemoved);
            }
            else
            {
                w.WriteLine($"{label.PadRight(LabelWidth)}{"off",ValueWidth}");
            }
        }

        Count(w, "rows after cleaning", result.Cleaning.RowsOut);
        w.WriteLine($"{"reference date".PadRight(LabelWidth)}{result.ReferenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),ValueWidth}");
        Count(w, "customers seen", result.Customers.CustomersSeen);
        Count(w, "  dropped: no purchase invoice", result.Customers.NoPurchase);
        Count(w, "  dropped: monetary <= 0", result.Customers.NonPositiveMonetary);
        Count(w, $"  outliers removed ({OutlierOptions.NameOf(result.Outliers.Method)})", result.Outliers.Removed);
        foreach (var detail in result.Outliers.Details)
        {
            w.WriteLine($"    {detail}");
        }

        Count(w, "customers kept", result.Table.RowCount);
        w.WriteLine();
        var summaries = result.Table.FeatureNames.Select(f => FeatureSummary.Of(f, result.Table.Column(f))).ToArray();
        var nameWidth = Math.Max("feature".Length, summaries.Max(s => s.Feature.Length));
        string[] headers = ["mean", "std", "min", "median", "max", "skew"];
        var cells = summaries.Select(s => new[] { s.Mean, s.Std, s.Min, s.Median, s.Max, s.Skew }.Select(Number).ToArray()).ToArray();
        var widths = headers.Select((h, j) => Math.Max(h.Length, cells.Length == 0 ? 0 : cells.Max(c => c[j].Length))).ToArray();
        w.Write("feature".PadRight(nameWidth));
        for (var j = 0; j < headers.Length; j++)
        {
            w.Write("  " + headers[j].PadLeft(widths[j]));
        }

        w.WriteLine();
        for (var i = 0; i < summaries.Length; i++)
        {
            w.Write(summaries[i].Feature.PadRight(nameWidth));
            for (var j = 0; j < headers.Length; j++)
            {
                w.Write("  " + cells[i][j].PadLeft(widths[j]));
            }

            w.WriteLine();
        }

        return w.ToString();
    }

    private const int LabelWidth = 40;
    private const int ValueWidth = 10;

    private static void Count(StringWriter w, string label, long value, string suffix = "") =>
        w.WriteLine($"{label.PadRight(LabelWidth)}{value.ToString(CultureInfo.InvariantCulture),ValueWidth}{suffix}");

    // Rounded first so that -0.0001 prints as 0, not -0.
    private static string Number(double value) => Math.Abs(value) >= 1e7
        ? value.ToString("G6", CultureInfo.InvariantCulture)
        : (Math.Round(value, 3) + 0.0).ToString("0.###", CultureInfo.InvariantCulture);
}
