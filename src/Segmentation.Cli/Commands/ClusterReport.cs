using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Segmentation.Data.Versioning;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.SingleFit;

namespace Segmentation.Cli.Commands;

/// <summary>The output of <c>segment cluster</c>: aligned text, JSON, and the labels CSV.</summary>
public static class ClusterReport
{
    // Quality scores first, then the size metrics, then the (non-deterministic) fit time.
    private static readonly IReadOnlyList<string> MetricOrder = [.. MetricNames.Scores, MetricNames.FitSeconds];

    /// <summary>The run name, the dataset, every metric the fit has, and a size row per cluster (and noise).</summary>
    public static string Text(SingleFitResult result, DatasetManifest dataset, bool cacheHit, string? outPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(dataset);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"cluster: {result.Trial.RunName} (seed {result.Trial.Seed})\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"data:    {dataset.Name} {dataset.ShortDigest} ({(cacheHit ? "cache hit" : "new version")}), {result.Labels.Count} customers x {result.FeatureNames.Count} features\n\n");
        var metricRows = Metrics(result).Select(m => (IReadOnlyList<string>)[m.Key, RunsTable.FormatNumber(m.Value)]).ToList();
        sb.Append(RunsTable.Render(["metric", "value"], metricRows, rightAligned: 1));
        sb.Append('\n');
        var sizeRows = Clusters(result)
            .Select(c => (IReadOnlyList<string>)[c.Label < 0 ? "noise" : c.Label.ToString(CultureInfo.InvariantCulture), c.Size.ToString(CultureInfo.InvariantCulture), c.Fraction.ToString("P1", CultureInfo.InvariantCulture)])
            .ToList();
        sb.Append(RunsTable.Render(["cluster", "customers", "share"], sizeRows, rightAligned: 1));
        if (outPath is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nlabels:  {outPath}\n");
        }

        return sb.ToString();
    }

    /// <summary>One JSON object: run_name, seed, trial_hash, params, dataset, customers, metrics, clusters (label −1 = noise), labels_file.</summary>
    public static string Json(SingleFitResult result, DatasetManifest dataset, bool cacheHit, string? outPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(dataset);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("run_name", result.Trial.RunName);
            w.WriteNumber("seed", result.Trial.Seed);
            w.WriteString("trial_hash", result.Trial.Hash);
            w.WriteStartObject("params");
            foreach (var (key, value) in result.Trial.Params)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteStartObject("dataset");
            w.WriteString("name", dataset.Name);
            w.WriteString("digest", dataset.Digest);
            w.WriteBoolean("cache_hit", cacheHit);
            w.WriteEndObject();
            w.WriteNumber("customers", result.Labels.Count);
            w.WriteStartObject("metrics");
            foreach (var (key, value) in Metrics(result))
            {
                w.WriteNumber(key, value);
            }

            w.WriteEndObject();
            w.WriteStartArray("clusters");
            foreach (var (label, size, fraction) in Clusters(result))
            {
                w.WriteStartObject();
                w.WriteNumber("label", label);
                w.WriteNumber("size", size);
                w.WriteNumber("fraction", fraction);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (outPath is null)
            {
                w.WriteNull("labels_file");
            }
            else
            {
                w.WriteString("labels_file", outPath);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary><c>customer_id,label</c> with one row per customer, in the feature table's order (−1 = noise).</summary>
    public static string LabelsCsv(SingleFitResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder("customer_id,label\n");
        for (var i = 0; i < result.Labels.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{result.CustomerIds[i]},{result.Labels[i]}\n");
        }

        return sb.ToString();
    }

    private static IEnumerable<KeyValuePair<string, double>> Metrics(SingleFitResult result) =>
        MetricOrder.Where(result.Metrics.ContainsKey).Select(k => new KeyValuePair<string, double>(k, result.Metrics[k]));

    private static List<(int Label, int Size, double Fraction)> Clusters(SingleFitResult result)
    {
        var sizes = result.Sizes;
        var rows = sizes.Labels
            .Select((label, i) => (label, sizes.Counts[i], (double)sizes.Counts[i] / sizes.Total))
            .ToList();
        if (sizes.NoiseCount > 0)
        {
            rows.Add((-1, sizes.NoiseCount, sizes.NoiseFraction));
        }

        return rows;
    }
}
