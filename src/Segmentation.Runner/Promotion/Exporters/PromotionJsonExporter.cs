using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Reporting.Exporters;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Promotion.Exporters;

/// <summary>The promotion as JSON, as <c>segment promote --json</c> prints it (snake_case keys, invariant numbers).</summary>
/// <param name="top">Leaderboard rows to include.</param>
public sealed class PromotionJsonExporter(int top = PromotionMarkdownExporter.DefaultTop) : IReportExporter<PromotionResult>
{
    /// <inheritdoc/>
    public string FileName => "promotion.json";

    /// <inheritdoc/>
    public string Export(PromotionResult report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var result = report;
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps run names such as "kmeans-k2-log1p+standard" readable; the output is never embedded in HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var request = result.Request;
            json.WriteStartObject();
            json.WriteString("decision", result.Decision);
            json.WriteBoolean("promoted", result.Promoted);
            json.WriteString("experiment", request.ExperimentName);
            json.WriteString("parent_run_id", result.Selection.ParentRunId);
            json.WriteStartObject("objective");
            json.WriteString("metric", request.Objective.Metric);
            json.WriteString("direction", request.Objective.Direction == ObjectiveDirection.Maximize ? "maximize" : "minimize");
            json.WriteEndObject();
            WriteGate(json, request.Gate, result.GateFailures);
            json.WriteNumber("trials", result.Selection.Leaderboard.Count);
            json.WriteNumber("eligible_trials", result.Selection.EligibleCount);
            json.WritePropertyName("best");
            if (result.Selection.Best is { } best)
            {
                WriteTrial(json, best);
            }
            else
            {
                json.WriteNullValue();
            }

            WriteModel(json, result);
            json.WriteStartArray("leaderboard");
            foreach (var ranked in result.Selection.Leaderboard.Take(top))
            {
                WriteTrial(json, ranked);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteGate(Utf8JsonWriter json, GateConfig gate, IReadOnlyList<string> failures)
    {
        json.WriteStartObject("gate");
        json.WriteStartArray("thresholds");
        foreach (var threshold in gate.Thresholds)
        {
            json.WriteStartObject();
            json.WriteString("metric", threshold.Metric);
            WriteNullableNumber(json, "min", threshold.Min);
            WriteNullableNumber(json, "max", threshold.Max);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteStrings(json, "failures", failures);
        json.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter json, PromotionResult result)
    {
        json.WritePropertyName("model");
        if (result.Version is not { } version)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        json.WriteString("name", version.Name);
        json.WriteString("version", version.Version);
        json.WriteString("stage", version.CurrentStage);
        WriteStrings(json, "aliases", version.Aliases);
        json.WriteString("source", version.Source);
        json.WriteString("run_id", version.RunId);
        json.WriteBoolean("reused", result.ReusedVersion);
        WriteStrings(json, "archived_versions", result.ArchivedVersions);
        json.WriteString("previous_alias_version", result.PreviousAliasVersion);
        json.WriteEndObject();
    }

    private static void WriteTrial(Utf8JsonWriter json, RankedTrial ranked)
    {
        var trial = ranked.Trial;
        json.WriteStartObject();
        json.WriteNumber("rank", ranked.Rank);
        json.WriteString("run_id", trial.RunId);
        json.WriteString("run_name", trial.RunName);
        json.WriteString("algorithm", trial.Algorithm);
        if (trial.K is { } k)
        {
            json.WriteNumber("k", k);
        }
        else
        {
            json.WriteNull("k");
        }

        json.WriteString("trial_hash", trial.TrialHash);
        WriteNullableNumber(json, "objective", ranked.Objective);
        json.WriteBoolean("eligible", ranked.Eligible);
        WriteStrings(json, "violations", ranked.Violations);
        json.WriteStartObject("metrics");
        foreach (var (key, value) in trial.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            // JSON has no NaN or infinity; such a metric is written as null rather than breaking the document.
            WriteNullableNumber(json, key, double.IsFinite(value) ? value : null);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteNullableNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
