using System.Globalization;
using System.Text.Json;

namespace Segmentation.Tracking.Tests.Rest.Replay;

/// <summary>JSON comparisons for replay: value equality (tag/param lists as sets) and shape equality (keys and kinds).</summary>
public static class JsonShape
{
    /// <summary>Lists MLflow treats as unordered sets of {key, value}.</summary>
    private static readonly HashSet<string> KeyedSets = new(StringComparer.Ordinal) { "tags", "params" };

    /// <summary>Differences in value between <paramref name="expected"/> and <paramref name="actual"/>, as "path: reason" lines.</summary>
    public static List<string> ValueDifferences(JsonElement expected, JsonElement actual, string path = "$")
    {
        var differences = new List<string>();
        CompareValues(expected, actual, path, differences);
        return differences;
    }

    /// <summary>Differences in shape: same object keys and value kinds recursively (numbers may be int or float; array elements checked against the first expected one).</summary>
    public static List<string> ShapeDifferences(JsonElement expected, JsonElement actual, string path = "$")
    {
        var differences = new List<string>();
        CompareShapes(expected, actual, path, differences);
        return differences;
    }

    private static void CompareValues(JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        if (expected.ValueKind != actual.ValueKind && !(IsBool(expected) && IsBool(actual)))
        {
            differences.Add($"{path}: expected {expected.ValueKind} {Short(expected)}, got {actual.ValueKind} {Short(actual)}");
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedKeys = expected.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                var actualKeys = actual.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var missing in expectedKeys.Except(actualKeys))
                {
                    differences.Add($"{path}.{missing}: missing");
                }

                foreach (var extra in actualKeys.Except(expectedKeys))
                {
                    differences.Add($"{path}.{extra}: unexpected {Short(actual.GetProperty(extra))}");
                }

                foreach (var key in expectedKeys.Intersect(actualKeys))
                {
                    CompareValues(expected.GetProperty(key), actual.GetProperty(key), path + "." + key, differences);
                }

                break;
            case JsonValueKind.Array:
                var e = expected.EnumerateArray().ToList();
                var a = actual.EnumerateArray().ToList();
                if (KeyedSets.Contains(LastSegment(path)))
                {
                    e = e.OrderBy(x => x.GetRawText(), StringComparer.Ordinal).ToList();
                    a = a.OrderBy(x => x.GetRawText(), StringComparer.Ordinal).ToList();
                }

                if (e.Count != a.Count)
                {
                    differences.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: expected {e.Count} items, got {a.Count}"));
                    return;
                }

                for (var i = 0; i < e.Count; i++)
                {
                    CompareValues(e[i], a[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), differences);
                }

                break;
            case JsonValueKind.Number:
                if (expected.GetDouble() != actual.GetDouble())
                {
                    differences.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                }

                break;
            case JsonValueKind.String:
                if (expected.GetString() != actual.GetString())
                {
                    differences.Add($"{path}: expected {Short(expected)}, got {Short(actual)}");
                }

                break;
            case JsonValueKind.True or JsonValueKind.False:
                if (expected.GetBoolean() != actual.GetBoolean())
                {
                    differences.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                }

                break;
        }
    }

    private static void CompareShapes(JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        if (expected.ValueKind != actual.ValueKind && !(IsBool(expected) && IsBool(actual)))
        {
            differences.Add($"{path}: expected {expected.ValueKind}, got {actual.ValueKind}");
            return;
        }

        if (expected.ValueKind == JsonValueKind.Object)
        {
            var expectedKeys = expected.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var actualKeys = actual.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var missing in expectedKeys.Except(actualKeys))
            {
                differences.Add($"{path}.{missing}: missing");
            }

            foreach (var extra in actualKeys.Except(expectedKeys))
            {
                differences.Add($"{path}.{extra}: not in the recording");
            }

            foreach (var key in expectedKeys.Intersect(actualKeys))
            {
                CompareShapes(expected.GetProperty(key), actual.GetProperty(key), path + "." + key, differences);
            }
        }
        else if (expected.ValueKind == JsonValueKind.Array)
        {
            var e = expected.EnumerateArray().ToList();
            var a = actual.EnumerateArray().ToList();
            if ((e.Count == 0) != (a.Count == 0))
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: expected {e.Count} items, got {a.Count}"));
                return;
            }

            for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
            {
                // Optional fields vary per element (e.g. a version without tags), so compare element i with element i.
                CompareShapes(e[i], a[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), differences);
            }
        }
    }

    private static bool IsBool(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False;

    private static string LastSegment(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }

    private static string Short(JsonElement e)
    {
        var text = e.GetRawText();
        return text.Length <= 80 ? text : text[..80] + "…";
    }
}
