using System.Text.Json;
using Segmentation.Tracking.Runs;

namespace Segmentation.Cli.Commands;

/// <summary>The JSON form of runs printed by <c>segment runs list --json</c> (MLflow's field names).</summary>
public static class RunsJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>Serializes runs as an array of {run_id, run_name, status, start_time, end_time, params, metrics, tags}.</summary>
    public static string Serialize(IReadOnlyList<Run> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var items = runs.Select(r => new Dictionary<string, object?>
        {
            ["run_id"] = r.Info.RunId,
            ["run_name"] = r.Info.RunName,
            ["experiment_id"] = r.Info.ExperimentId,
            ["status"] = RunStatusNames.ToMlflow(r.Info.Status),
            ["start_time"] = r.Info.StartTimeMs,
            ["end_time"] = r.Info.EndTimeMs,
            ["params"] = new SortedDictionary<string, string>(r.Data.Params.ToDictionary(), StringComparer.Ordinal),
            // NaN is not valid JSON; it is printed as null.
            ["metrics"] = new SortedDictionary<string, double?>(
                r.Data.Metrics.ToDictionary(m => m.Key, m => double.IsFinite(m.Value.Value) ? m.Value.Value : (double?)null), StringComparer.Ordinal),
            ["tags"] = new SortedDictionary<string, string>(r.Data.Tags.ToDictionary(), StringComparer.Ordinal),
        }).ToList();
        return JsonSerializer.Serialize(items, Options);
    }
}
