using System.Text.Json;

namespace Segmentation.Clustering.Tests.Fixtures;

/// <summary>Loads the scikit-learn reference data written by generate.py beside this file.</summary>
internal static class SklearnPartB
{
    private static readonly Dictionary<string, Dataset> Cache = [];
    private static readonly Lock Gate = new();

    /// <summary>The matrices generate.py writes, small to large.</summary>
    public static IEnumerable<string> DatasetNames { get; } =
        ["blobs_300x2", "blobs_600x5", "blobs_250x3_overlap", "aniso_400x2", "log_rfm"];

    /// <summary>Names of the small datasets (fast enough for exhaustive checks).</summary>
    public static IEnumerable<string> SmallDatasetNames { get; } =
        ["blobs_300x2", "blobs_600x5", "blobs_250x3_overlap", "aniso_400x2"];

    public static string Directory { get; } = FindDirectory();

    public static Dataset Load(string name)
    {
        lock (Gate)
        {
            if (!Cache.TryGetValue(name, out var dataset))
            {
                using var stream = File.OpenRead(Path.Combine(Directory, name + ".json"));
                var raw = JsonSerializer.Deserialize<RawDataset>(stream, JsonOptions)
                    ?? throw new InvalidDataException(name + ".json is empty");
                dataset = new Dataset(raw, new Matrix(raw.Data, raw.Rows, raw.Cols));
                Cache[name] = dataset;
            }

            return dataset;
        }
    }

    public static KneedleFile LoadKneedle()
    {
        using var stream = File.OpenRead(Path.Combine(Directory, "kneedle.json"));
        return JsonSerializer.Deserialize<KneedleFile>(stream, JsonOptions) ?? throw new InvalidDataException("kneedle.json is empty");
    }

    /// <summary>True when the two labelings are the same partition (equal up to renaming the labels).</summary>
    public static bool SamePartition(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        var forward = new Dictionary<int, int>();
        var backward = new Dictionary<int, int>();
        for (var i = 0; i < a.Length; i++)
        {
            if (forward.TryGetValue(a[i], out var mapped) ? mapped != b[i] : !forward.TryAdd(a[i], b[i]))
            {
                return false;
            }

            if (backward.TryGetValue(b[i], out var back) ? back != a[i] : !backward.TryAdd(b[i], a[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static void AssertRelative(double expected, double actual, double tolerance, string what)
    {
        var scale = Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(
            Math.Abs(expected - actual) <= tolerance * scale || expected == actual,
            FormattableString.Invariant($"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / scale:E2})"));
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Segmentation.Clustering.Tests", "Fixtures", "sklearn_part_b");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Segmentation.Clustering.Tests/Fixtures/sklearn_part_b not found above " + AppContext.BaseDirectory);
    }

    internal sealed record Dataset(RawDataset Raw, Matrix X);

    internal sealed record RawDataset(
        string Name,
        int Rows,
        int Cols,
        double[] Data,
        AgglomerativeCase[] Agglomerative,
        DbscanCase[] Dbscan,
        MetricCase[] Metrics,
        AriCase[] Ari);

    internal sealed record AgglomerativeCase(string Linkage, int K, int[] Labels);

    internal sealed record DbscanCase(double Eps, int MinSamples, int[] Labels, int[] Core);

    internal sealed record MetricCase(
        string Name,
        int[] Labels,
        double Silhouette,
        double[]? SilhouetteSamples,
        double DaviesBouldin,
        double DaviesBouldinExact,
        double CalinskiHarabasz,
        double Inertia);

    internal sealed record AriCase(int[] A, int[] B, double Ari);

    internal sealed record KneedleFile(KneedleCase[] Cases);

    internal sealed record KneedleCase(string Name, double[] X, double[] Y, double S, double? Knee);
}
