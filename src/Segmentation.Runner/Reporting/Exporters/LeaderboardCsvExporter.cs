using System.Text;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Reporting.Exporters;

/// <summary>The leaderboard as CSV: rank, names, ids, main params, objective, metrics, eligibility and violations.</summary>
public sealed class LeaderboardCsvExporter : IReportExporter<SweepSummary>
{
    private static readonly string[] MetricColumns =
    [
        MetricNames.Silhouette, MetricNames.DaviesBouldin, MetricNames.CalinskiHarabasz, MetricNames.Inertia, MetricNames.Bic, MetricNames.Aic,
        MetricNames.ClusterCount, MetricNames.MinClusterFraction, MetricNames.MaxClusterFraction, MetricNames.NoiseFraction,
        MetricNames.LargestSegmentRevenueShare, MetricNames.StabilityAriMean, MetricNames.StabilityAriMin,
    ];

    private static readonly string[] ParamColumns = ["algorithm", "k", "scaler", "reduction"];

    /// <summary>The exporter.</summary>
    public static LeaderboardCsvExporter Instance { get; } = new();

    /// <inheritdoc/>
    public string FileName => "leaderboard.csv";

    /// <inheritdoc/>
    public string Export(SweepSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Csv(summary.Leaderboard);
    }

    /// <summary>The CSV of a leaderboard.</summary>
    public static string Csv(Leaderboard leaderboard)
    {
        ArgumentNullException.ThrowIfNull(leaderboard);
        var text = new StringBuilder("rank,run_name,run_id,trial_hash,");
        text.AppendJoin(',', ParamColumns).Append(",objective,").AppendJoin(',', MetricColumns).Append(",eligible,violations\n");
        foreach (var ranked in leaderboard.Entries)
        {
            var trial = ranked.Trial;
            text.Append(ReportFormat.Invariant(ranked.Rank)).Append(',')
                .Append(ReportFormat.Csv(trial.RunName)).Append(',').Append(trial.RunId).Append(',').Append(trial.TrialHash);
            foreach (var p in ParamColumns)
            {
                text.Append(',').Append(ReportFormat.Csv(trial.Params.TryGetValue(p, out var v) ? v : string.Empty));
            }

            text.Append(',').Append(ReportFormat.RoundTrip(trial.Metric(leaderboard.Objective.Metric)));
            foreach (var m in MetricColumns)
            {
                text.Append(',').Append(ReportFormat.RoundTrip(trial.Metric(m)));
            }

            text.Append(',').Append(ranked.Eligible ? "true" : "false").Append(',').Append(ReportFormat.Csv(string.Join("; ", ranked.Violations))).Append('\n');
        }

        return text.ToString();
    }
}
