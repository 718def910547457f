using System.Globalization;
using System.Text;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Reporting;

/// <summary>Ranks finished trials: eligible before ineligible, then by objective, ties broken by trial hash.</summary>
public sealed class Leaderboard
{
    private static readonly string[] MetricColumns =
    [
        MetricNames.Silhouette, MetricNames.DaviesBouldin, MetricNames.CalinskiHarabasz, MetricNames.Inertia, MetricNames.Bic, MetricNames.Aic,
        MetricNames.ClusterCount, MetricNames.MinClusterFraction, MetricNames.MaxClusterFraction, MetricNames.NoiseFraction,
    ];

    private static readonly string[] ParamColumns = ["algorithm", "k", "scaler", "reduction"];

    private Leaderboard(ObjectiveConfig objective, IReadOnlyList<LeaderboardEntry> ranked)
    {
        Objective = objective;
        Entries = ranked;
    }

    /// <summary>The objective the ranking uses.</summary>
    public ObjectiveConfig Objective { get; }

    /// <summary>Entries, best first.</summary>
    public IReadOnlyList<LeaderboardEntry> Entries { get; }

    /// <summary>The best eligible trial with a defined objective, or null when none qualifies.</summary>
    public LeaderboardEntry? Best => Entries.FirstOrDefault(e => e.Eligible && !double.IsNaN(e.Metric(Objective.Metric)));

    /// <summary>
    /// Ranks <paramref name="entries"/> with the same <see cref="TrialRanker"/> that <c>segment promote</c> uses, so the
    /// sweep's best-trial tag and the promoted model always agree (the input order does not matter).
    /// </summary>
    public static Leaderboard Rank(IEnumerable<LeaderboardEntry> entries, ObjectiveConfig objective, ConstraintsConfig constraints)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(objective);
        var byRunId = entries.ToDictionary(e => e.RunId, StringComparer.Ordinal);
        var trials = byRunId.Values.Select(e => new TrialRun(
            e.RunId,
            e.RunName,
            e.Params.TryGetValue("algorithm", out var algorithm) ? algorithm : null,
            ClusterCount(e),
            e.TrialHash,
            string.Empty,
            e.Metrics));
        var ranked = TrialRanker.Rank(trials, objective, constraints)
            .Select(r => byRunId[r.Trial.RunId] with { Violations = r.Violations })
            .ToList();
        return new Leaderboard(objective, ranked);
    }

    /// <summary>The leaderboard as CSV: rank, names, ids, main params, objective, metrics, eligibility and violations.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder("rank,run_name,run_id,trial_hash,");
        text.AppendJoin(',', ParamColumns).Append(",objective,").AppendJoin(',', MetricColumns).Append(",eligible,violations\n");
        for (var i = 0; i < Entries.Count; i++)
        {
            var e = Entries[i];
            text.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Csv(e.RunName)).Append(',').Append(e.RunId).Append(',').Append(e.TrialHash);
            foreach (var p in ParamColumns)
            {
                text.Append(',').Append(Csv(e.Params.TryGetValue(p, out var v) ? v : string.Empty));
            }

            text.Append(',').Append(Number(e.Metric(Objective.Metric)));
            foreach (var m in MetricColumns)
            {
                text.Append(',').Append(Number(e.Metric(m)));
            }

            text.Append(',').Append(e.Eligible ? "true" : "false").Append(',').Append(Csv(string.Join("; ", e.Violations))).Append('\n');
        }

        return text.ToString();
    }

    // As TrialRun.FromRun reads it: the found cluster count wins over the requested k.
    private static int? ClusterCount(LeaderboardEntry e) =>
        e.Metrics.TryGetValue(MetricNames.ClusterCount, out var found) && double.IsFinite(found) ? (int)found
        : e.Params.TryGetValue("k", out var k) && int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : null;

    private static string Number(double value) => double.IsNaN(value) ? string.Empty : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
