using System.Globalization;
using System.Text.RegularExpressions;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Registry;
using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.Validation;

/// <summary>Client-side checks with MLflow's rules, so both backends refuse the same input with the same message.</summary>
public static partial class TrackingValidation
{
    private const string BadCharacters =
        "Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).";

    // MLflow: ^[/\w.\- ]*$ with Python's Unicode \w.
    [GeneratedRegex(@"^[/\w.\- ]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();

    /// <summary>Checks a metric, param or tag key; <paramref name="kind"/> ("metric", "param", "tag") names it in the error.</summary>
    /// <exception cref="InvalidParameterException">The key is empty, too long, has bad characters or is not a normalised path.</exception>
    public static void ValidateKey(string kind, string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new InvalidParameterException($"{kind} name must not be empty");
        }

        if (key.Length > TrackingLimits.MaxKeyLength)
        {
            throw new InvalidParameterException(string.Create(CultureInfo.InvariantCulture,
                $"{kind} name '{Shorten(key)}' is {key.Length} characters long; at most {TrackingLimits.MaxKeyLength} are allowed"));
        }

        if (!ValidName().IsMatch(key))
        {
            throw new InvalidParameterException($"Invalid {kind} name: '{key}'. {BadCharacters}");
        }

        var normalised = NormalisePosix(key);
        if (normalised != key || key == "." || key.StartsWith("..", StringComparison.Ordinal) || key.StartsWith('/'))
        {
            throw new InvalidParameterException(
                $"Invalid {kind} name: '{key}'. Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to '{normalised}'");
        }
    }

    /// <summary>Checks a param; values over 6000 characters are refused (MLflow would silently truncate them).</summary>
    public static void ValidateParam(Param param)
    {
        ArgumentNullException.ThrowIfNull(param);
        ValidateKey("param", param.Key);
        if (param.Value is null)
        {
            throw new InvalidParameterException($"param '{param.Key}' has no value");
        }

        if (param.Value.Length > TrackingLimits.MaxParamValueLength)
        {
            throw new InvalidParameterException(string.Create(CultureInfo.InvariantCulture,
                $"param '{param.Key}' value is {param.Value.Length} characters long; at most {TrackingLimits.MaxParamValueLength} are allowed (MLflow would truncate it silently, so it is refused)"));
        }
    }

    /// <summary>Checks a run tag (key rules, value at most 8000 characters).</summary>
    public static void ValidateTag(string key, string? value) => ValidateTag("tag", key, value, TrackingLimits.MaxTagValueLength);

    /// <summary>Checks a tag of some entity (<paramref name="kind"/> e.g. "experiment tag") against a value length limit.</summary>
    public static void ValidateTag(string kind, string key, string? value, int maxValueLength)
    {
        ValidateKey(kind, key);
        if (value is not null && value.Length > maxValueLength)
        {
            throw new InvalidParameterException(string.Create(CultureInfo.InvariantCulture,
                $"{kind} '{key}' value is {value.Length} characters long; at most {maxValueLength} are allowed"));
        }
    }

    /// <summary>Checks a registered model alias with <see cref="ModelAliases.Validate"/>, the rule MLflow's server applies.</summary>
    /// <exception cref="InvalidParameterException">The alias is empty, too long, has bad characters or is reserved (<c>latest</c>, <c>v3</c>).</exception>
    public static void ValidateAlias(string? alias)
    {
        if (ModelAliases.Validate(alias) is { } problem)
        {
            throw new InvalidParameterException(problem);
        }
    }

    /// <summary>Checks a metric key (any double value, NaN and infinities included, is allowed).</summary>
    public static void ValidateMetric(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ValidateKey("metric", metric.Key);
    }

    /// <summary>Checks a dataset input against the column sizes of MLflow's schema.</summary>
    public static void ValidateDatasetInput(DatasetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Dataset);
        var d = input.Dataset;
        RequireLength("dataset name", d.Name, TrackingLimits.MaxDatasetNameLength);
        RequireLength($"dataset '{d.Name}' digest", d.Digest, TrackingLimits.MaxDatasetDigestLength);
        RequireLength($"dataset '{d.Name}' source_type", d.SourceType, TrackingLimits.MaxDatasetSourceTypeLength);
        if (string.IsNullOrEmpty(d.Source))
        {
            throw new InvalidParameterException($"dataset '{d.Name}' source must not be empty");
        }

        foreach (var (key, value) in input.Tags ?? new Dictionary<string, string>())
        {
            RequireLength($"dataset '{d.Name}' input tag key", key, TrackingLimits.MaxInputTagKeyLength);
            if (value is null || value.Length > TrackingLimits.MaxInputTagValueLength)
            {
                throw new InvalidParameterException(string.Create(CultureInfo.InvariantCulture,
                    $"dataset '{d.Name}' input tag '{key}' value must be 0..{TrackingLimits.MaxInputTagValueLength} characters"));
            }
        }
    }

    /// <summary>Validates a whole batch and splits it into requests within MLflow's limits
    /// (≤1000 metrics, ≤100 params, ≤100 tags, ≤1000 entities each).</summary>
    /// <remarks>A param key twice with the same value is sent once; with different values it is refused, as MLflow does.</remarks>
    public static IReadOnlyList<LogBatchChunk> ValidateAndChunk(IReadOnlyList<Metric>? metrics, IReadOnlyList<Param>? parameters, IReadOnlyList<RunTag>? tags)
    {
        metrics ??= [];
        var uniqueParams = new List<Param>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in parameters ?? [])
        {
            ValidateParam(p);
            if (seen.TryGetValue(p.Key, out var previous))
            {
                if (previous != p.Value)
                {
                    throw new InvalidParameterException($"param '{p.Key}' is given twice in one batch with different values ('{Shorten(previous)}' and '{Shorten(p.Value)}')");
                }

                continue;
            }

            seen.Add(p.Key, p.Value);
            uniqueParams.Add(p);
        }

        // Tags: a later value for the same key wins, as successive set-tag calls would.
        var tagOrder = new List<string>();
        var tagValues = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in tags ?? [])
        {
            ArgumentNullException.ThrowIfNull(t);
            ValidateTag(t.Key, t.Value);
            if (!tagValues.ContainsKey(t.Key))
            {
                tagOrder.Add(t.Key);
            }

            tagValues[t.Key] = t.Value;
        }

        foreach (var m in metrics)
        {
            ValidateMetric(m);
        }

        var chunks = new List<LogBatchChunk>();
        int mi = 0, pi = 0, ti = 0;
        while (mi < metrics.Count || pi < uniqueParams.Count || ti < tagOrder.Count)
        {
            var pCount = Math.Min(TrackingLimits.MaxParamsPerBatch, uniqueParams.Count - pi);
            var tCount = Math.Min(TrackingLimits.MaxTagsPerBatch, tagOrder.Count - ti);
            var mCount = Math.Min(Math.Min(TrackingLimits.MaxMetricsPerBatch, TrackingLimits.MaxEntitiesPerBatch - pCount - tCount), metrics.Count - mi);
            chunks.Add(new LogBatchChunk(
                metrics.Skip(mi).Take(mCount).ToArray(),
                uniqueParams.GetRange(pi, pCount),
                tagOrder.GetRange(ti, tCount).Select(k => new RunTag(k, tagValues[k])).ToArray()));
            mi += mCount;
            pi += pCount;
            ti += tCount;
        }

        return chunks;
    }

    private static void RequireLength(string what, string? value, int max)
    {
        if (string.IsNullOrEmpty(value) || value.Length > max)
        {
            throw new InvalidParameterException(string.Create(CultureInfo.InvariantCulture,
                $"{what} must be 1..{max} characters, got {value?.Length ?? 0}"));
        }
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    // posixpath.normpath for names: collapses '//' and '.', resolves '..' where possible, drops a trailing '/'.
    private static string NormalisePosix(string path)
    {
        var absolute = path.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".." || !absolute)
            {
                parts.Add(part);
            }
        }

        var joined = string.Join('/', parts);
        return absolute ? "/" + joined : joined.Length == 0 ? "." : joined;
    }
}
