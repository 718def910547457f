using System.Text.Json;

namespace Segmentation.Clustering.Tests.Fixtures;

/// <summary>Reads a scikit-learn reference file written by Fixtures/sklearn_part_a/generate.py.</summary>
internal sealed class SklearnFixture
{
    private static readonly Dictionary<string, SklearnFixture> Cache = [];

    private SklearnFixture(string name, JsonElement root)
    {
        Name = name;
        Root = root;
        X = ToMatrix(root.GetProperty("x"));
    }

    /// <summary>Every dataset the generator writes.</summary>
    public static TheoryData<string> Names => new() { "blobs_small", "blobs_5d", "aniso", "log_rfm" };

    public string Name { get; }

    public JsonElement Root { get; }

    public Matrix X { get; }

    public static SklearnFixture Load(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var fixture))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "sklearn_part_a", name + ".json");
                using var doc = JsonDocument.Parse(File.ReadAllText(path));
                fixture = new SklearnFixture(name, doc.RootElement.Clone());
                Cache[name] = fixture;
            }

            return fixture;
        }
    }

    /// <summary>The features shifted by the fixture's <c>shifted_min</c> (what the log1p/shifted cases were generated on).</summary>
    public Matrix Shifted()
    {
        var min = ToVector(Root.GetProperty("shifted_min"));
        var x = X.Clone();
        for (var i = 0; i < x.Rows; i++)
        {
            for (var j = 0; j < x.Cols; j++)
            {
                x[i, j] -= min[j];
            }
        }

        return x;
    }

    public static Matrix ToMatrix(JsonElement rows)
    {
        var list = rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        return Matrix.FromRows(list);
    }

    public static double[] ToVector(JsonElement values) => values.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        var scale = Math.Max(1.0, Math.Abs(expected));
        Assert.True(
            Math.Abs(expected - actual) <= tolerance * scale,
            FormattableString.Invariant($"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance} x {scale})"));
    }

    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            AssertClose(expected[i], actual[i], tolerance, FormattableString.Invariant($"{what}[{i}]"));
        }
    }
}
