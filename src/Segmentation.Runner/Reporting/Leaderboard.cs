using System.Globalization;
using System.Text;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Reporting;

/// <summary>A sweep's finished trials ranked under its objective and constraints (see <see cref="TrialRanker"/> for the order).</summary>
public sealed class Leaderboard
{
    private static readonly string[] MetricColumns =
    [
        MetricNames.Silhouette, MetricNames.DaviesBouldin, MetricNames.CalinskiHarabasz, MetricNames.Inertia, MetricNames.Bic, MetricNames.Aic,
        MetricNames.ClusterCount, MetricNames.MinClusterFraction, MetricNames.MaxClusterFraction, MetricNames.NoiseFraction,
    ];

    private static readonly string[] ParamColumns = ["algorithm", "k", "scaler", "reduction"];

    private Leaderboard(ObjectiveConfig objective, ConstraintsConfig constraints, IReadOnlyList<RankedTrial> ranked)
    {
        Objective = objective;
        Constraints = constraints;
        Entries = ranked;
    }

    /// <summary>The objective the ranking uses.</summary>
    public ObjectiveConfig Objective { get; }

    /// <summary>The constraints that decide eligibility.</summary>
    public ConstraintsConfig Constraints { get; }

    /// <summary>Every finished trial, eligible ones first, best first.</summary>
    public IReadOnlyList<RankedTrial> Entries { get; }

    /// <summary>The best eligible trial (every constraint met, objective logged), or null when none qualifies.</summary>
    public RankedTrial? Best => Entries.Count > 0 && Entries[0].Eligible ? Entries[0] : null;

    /// <summary>How many trials meet every constraint.</summary>
    public int EligibleCount => Entries.Count(e => e.Eligible);

    /// <summary>
    /// Ranks <paramref name="trials"/> with <see cref="TrialRanker"/> — the one ranking the sweep's best-trial tag and
    /// <c>segment promote</c> share (the input order does not matter; a run listed twice counts once).
    /// </summary>
    public static Leaderboard Rank(IEnumerable<TrialRun> trials, ObjectiveConfig objective, ConstraintsConfig constraints)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(constraints);
        var unique = trials.GroupBy(t => t.RunId, StringComparer.Ordinal).Select(g => g.First());
        return new Leaderboard(objective, constraints, TrialRanker.Rank(unique, objective, constraints));
    }

    /// <summary>The leaderboard as CSV: rank, names, ids, main params, objective, metrics, eligibility and violations.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder("rank,run_name,run_id,trial_hash,");
        text.AppendJoin(',', ParamColumns).Append(",objective,").AppendJoin(',', MetricColumns).Append(",eligible,violations\n");
        for (var i = 0; i < Entries.Count; i++)
        {
            var ranked = Entries[i];
            var e = ranked.Trial;
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

            text.Append(',').Append(ranked.Eligible ? "true" : "false").Append(',').Append(Csv(string.Join("; ", ranked.Violations))).Append('\n');
        }

        return text.ToString();
    }

    private static string Number(double value) => double.IsNaN(value) ? string.Empty : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
