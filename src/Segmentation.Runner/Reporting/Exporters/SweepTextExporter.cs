using System.Globalization;
using System.Text;

namespace Segmentation.Runner.Reporting.Exporters;

/// <summary>The sweep for a terminal: what it did, where it logged, the gate decision and the top of the leaderboard.</summary>
public sealed class SweepTextExporter : IReportExporter<SweepSummary>
{
    private static readonly (string Metric, string Header)[] QualityColumns =
    [
        (Configuration.MetricNames.MinClusterFraction, "min share"),
        (Configuration.MetricNames.LargestSegmentRevenueShare, "top rev share"),
        (Configuration.MetricNames.StabilityAriMean, "stab mean"),
        (Configuration.MetricNames.StabilityAriMin, "stab min"),
    ];

    /// <summary>The exporter.</summary>
    public static SweepTextExporter Instance { get; } = new();

    /// <inheritdoc/>
    public string FileName => "sweep.txt";

    /// <inheritdoc/>
    public string Export(SweepSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder();
        text.Append(Invariant($"Sweep {summary.SweepId} ({(summary.Cancelled ? "cancelled" : "done")}) in {summary.WallSeconds:F1} s: "));
        text.Append(Invariant($"ran {summary.Ran}, skipped {summary.Skipped} already FINISHED, failed {summary.Failed}"));
        text.Append(Invariant($" — shard {summary.Shard}, {summary.ShardTrials} of {summary.PlannedTrials} planned trials\n"));
        text.Append(Invariant($"Tracking {summary.TrackingUri}, experiment '{summary.ExperimentName}' ({summary.ExperimentId}), parent run {summary.ParentRunId}\n"));
        if (summary.PhaseSeconds.Count > 0)
        {
            // Phases inside the trials are summed over the parallel workers, so the line can add up to more than the wall time.
            text.Append("Time per phase (s, summed over parallel trials): ")
                .AppendJoin(", ", summary.PhaseSeconds.Select(p => Invariant($"{p.Key} {p.Value:F2}"))).Append('\n');
        }

        if (summary.Promotion is { } promotion)
        {
            text.Append("Promotion (promote_at_end): ").Append(promotion.Decision).Append('\n');
        }

        var board = summary.Leaderboard;
        if (board.Entries.Count == 0)
        {
            return text.ToString();
        }

        var metric = board.Objective.Metric;
        text.Append(board.Best?.Trial is { } best
            ? Invariant($"Best eligible trial: {best.RunName} ({metric} {best.Metric(metric):F4}), run {best.RunId}\n")
            : "No trial meets every constraint.\n");
        var top = board.Entries.Take(10).ToList();
        var width = Math.Max(8, top.Max(e => e.Trial.RunName.Length));
        // Segment-quality columns appear once any listed trial has them, so older sweeps print as before.
        var quality = QualityColumns.Where(c => top.Any(e => e.Trial.Metrics.ContainsKey(c.Metric))).ToList();
        text.Append("rank  ").Append("run name".PadRight(width)).Append(Invariant($"  {metric,12}"));
        foreach (var column in quality)
        {
            text.Append("  ").Append(column.Header.PadLeft(column.Header.Length < 10 ? 10 : column.Header.Length));
        }

        text.Append("  eligible\n");
        foreach (var (entry, i) in top.Select((e, i) => (e, i)))
        {
            text.Append(Invariant($"{i + 1,4}  ")).Append(entry.Trial.RunName.PadRight(width))
                .Append(Invariant($"  {entry.Trial.Metric(metric),12:F4}"));
            foreach (var column in quality)
            {
                var value = entry.Trial.Metric(column.Metric);
                var cell = double.IsNaN(value) ? "-" : Invariant($"{value:F3}");
                text.Append("  ").Append(cell.PadLeft(column.Header.Length < 10 ? 10 : column.Header.Length));
            }

            text.Append("  ").Append(entry.Eligible ? "yes" : "no").Append('\n');
        }

        AppendSegments(text, summary);
        return text.ToString();
    }

    // The table a marketer reads: who the segments are, how big, how much they spend (RFM medians from the whole table).
    private static void AppendSegments(StringBuilder text, SweepSummary summary)
    {
        if (summary.BestSegments is not { Count: > 0 } segments || summary.Leaderboard.Best?.Trial is not { } best)
        {
            return;
        }

        var width = Math.Max(7, segments.Max(s => s.Name.Length));
        text.Append("Segments of ").Append(best.RunName).Append(":\n");
        text.Append("segment".PadRight(width)).Append("  customers   share  rev share  recency days  frequency    monetary\n");
        foreach (var s in segments)
        {
            text.Append(s.Name.PadRight(width))
                .Append(Invariant($"  {s.Customers,9:N0}  {Percent(s.Share),6}  {Percent(s.RevenueShare),9}  {Median(s.RecencyMedian, "F0"),12}  {Median(s.FrequencyMedian, "F0"),9}  {Median(s.MonetaryMedian, "N0"),10}\n"));
        }
    }

    private static string Percent(double value) => double.IsFinite(value) ? Invariant($"{value * 100:F1} %") : "-";

    private static string Median(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
