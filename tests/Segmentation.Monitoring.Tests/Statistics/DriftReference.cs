using System.Text.Json;
using Segmentation.Runner.Tests;

namespace Segmentation.Monitoring.Tests.Statistics;

/// <summary>The numpy/scipy numbers of <c>Fixtures/drift_reference.py</c> (committed with its output; tests never run Python).</summary>
internal static class DriftReference
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "Segmentation.Monitoring.Tests", "Fixtures", "drift_reference.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<JsonElement> Array(string name) => Root.GetProperty(name).EnumerateArray();

    public static double[] Doubles(JsonElement element, string name) => [.. element.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];

    /// <summary>Asserts |actual − expected| ≤ relative · |expected| (or ≤ absolute near zero).</summary>
    public static void Close(double expected, double actual, double relative, string what, double absolute = 1e-300)
    {
        var tolerance = Math.Max(relative * Math.Abs(expected), absolute);
        Assert.True(Math.Abs(actual - expected) <= tolerance, FormattableString.Invariant($"{what}: expected {expected:R}, found {actual:R} (tolerance {tolerance:R})"));
    }
}
