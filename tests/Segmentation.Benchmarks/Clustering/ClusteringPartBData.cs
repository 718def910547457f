using System.Text.Json;
using Segmentation.Clustering;

namespace Segmentation.Benchmarks.Clustering;

/// <summary>Inputs of the part-B clustering benchmarks: the log-RFM matrix from the committed scikit-learn fixture, and seeded blobs.</summary>
public static class ClusteringPartBData
{
    /// <summary>Standardised log-RFM features (about 4,300 × 3) and one labeling of them written by generate.py (default scikit-learn KMeans k=4).</summary>
    public static (Matrix X, int[] Labels) LogRfm(string labeling = "kmeans-k4")
    {
        using var stream = File.OpenRead(FindFixture("log_rfm.json"));
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var data = root.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var x = new Matrix(data, root.GetProperty("rows").GetInt32(), root.GetProperty("cols").GetInt32());
        var labels = root.GetProperty("metrics").EnumerateArray()
            .First(m => m.GetProperty("name").GetString() == labeling)
            .GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        return (x, labels);
    }

    /// <summary>
    /// The 20,000-row sample of 200,000 × 8 blobs that bench/clustering/sklearn_bench_part_b.py writes (folder in
    /// SEGMENTATION_BENCH_PART_B_DATA, default bench/clustering/data_part_b); seeded blobs of the same shape if absent.
    /// </summary>
    public static (Matrix X, int[] Labels) BlobsSample()
    {
        var folder = Environment.GetEnvironmentVariable("SEGMENTATION_BENCH_PART_B_DATA") ?? FindFolder(Path.Combine("bench", "clustering", "data_part_b"));
        var xPath = folder is null ? null : Path.Combine(folder, "blobs20k_x.csv");
        if (xPath is null || !File.Exists(xPath))
        {
            return Blobs(20_000, 8, 8, seed: 0);
        }

        var rows = File.ReadAllLines(xPath);
        var cols = rows[0].Split(',').Length;
        var x = new Matrix(rows.Length, cols);
        for (var i = 0; i < rows.Length; i++)
        {
            var fields = rows[i].Split(',');
            for (var f = 0; f < cols; f++)
            {
                x[i, f] = double.Parse(fields[f], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var labels = File.ReadAllLines(Path.Combine(folder!, "blobs20k_labels.csv"))
            .Select(l => int.Parse(l, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (x, labels);
    }

    /// <summary>Gaussian blobs (seeded) and their generating centre as the label.</summary>
    public static (Matrix X, int[] Labels) Blobs(int rows, int cols, int centres, int seed)
    {
        var random = new Random(seed);
        var centre = new double[centres * cols];
        for (var i = 0; i < centre.Length; i++)
        {
            centre[i] = (random.NextDouble() * 20) - 10;
        }

        var x = new Matrix(rows, cols);
        var labels = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            labels[i] = random.Next(centres);
            for (var f = 0; f < cols; f++)
            {
                // Box–Muller: a standard normal from two uniforms.
                var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                x[i, f] = centre[(labels[i] * cols) + f] + gaussian;
            }
        }

        return (x, labels);
    }

    /// <summary>The benchmark binary's folder and the working directory, each with all their parents.</summary>
    private static IEnumerable<DirectoryInfo> SearchRoots()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                yield return directory;
            }
        }
    }

    private static string? FindFolder(string relative)
    {
        foreach (var directory in SearchRoots())
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string FindFixture(string name)
    {
        foreach (var directory in SearchRoots())
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Segmentation.Clustering.Tests", "Fixtures", "sklearn_part_b", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"tests/Segmentation.Clustering.Tests/Fixtures/sklearn_part_b/{name} not found above {AppContext.BaseDirectory}");
    }
}
