using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Segmentation.Clustering;
using Segmentation.Clustering.KMeans;
using Segmentation.Clustering.Mixture;

namespace Segmentation.Benchmarks.Clustering;

/// <summary>KMeans (n_init=10) and full-covariance GMM fits on the same files bench/clustering/sklearn_bench.py times scikit-learn on.</summary>
/// <remarks>
/// Run both sides together with bench/clustering/run.sh (it writes the data, times scikit-learn, runs this class and
/// prints the ratio table). The data folder is SEGMENTATION_BENCH_DATA, else bench/clustering/data above the working folder.
/// Cases and k match sklearn_bench.py's CASES.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 9)]
public class ClusteringFitBenchmarks
{
    private Matrix data = null!;

    /// <summary>The data file (without .csv): log_rfm (k=5) or blobs_200000x8 (k=8).</summary>
    [Params("log_rfm", "blobs_200000x8")]
    public string Dataset { get; set; } = "log_rfm";

    private int K => Dataset == "log_rfm" ? 5 : 8;

    [GlobalSetup]
    public void Setup() => data = LoadData(Dataset);

    /// <summary>Reads data file <paramref name="name"/> (without .csv) of the benchmark data folder.</summary>
    internal static Matrix LoadData(string name) => LoadCsv(Path.Combine(DataFolder(), name + ".csv"));

    /// <summary>KMeans(n_clusters=k, n_init=10), Lloyd, scikit-learn defaults otherwise.</summary>
    [Benchmark]
    public double KMeansLloyd() => KMeans.Fit(data, new KMeansOptions { Clusters = K, NInit = 10, Seed = 0 }).Inertia;

    /// <summary>The same with Elkan's algorithm.</summary>
    [Benchmark]
    public double KMeansElkan() => KMeans.Fit(data, new KMeansOptions { Clusters = K, NInit = 10, Seed = 0, Algorithm = KMeansAlgorithm.Elkan }).Inertia;

    /// <summary>GaussianMixture(n_components=k, covariance_type="full"), k-means initialisation, scikit-learn defaults otherwise.</summary>
    [Benchmark]
    public double GmmFull() => GaussianMixture.Fit(data, new GaussianMixtureOptions { Components = K, Seed = 0 }).Score;

    internal static string DataFolder()
    {
        var configured = Environment.GetEnvironmentVariable("SEGMENTATION_BENCH_DATA");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "bench", "clustering", "data");
            if (File.Exists(Path.Combine(candidate, "log_rfm.csv")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Benchmark data not found: run bench/clustering/sklearn_bench.py first, or set SEGMENTATION_BENCH_DATA.");
    }

    internal static Matrix LoadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var cols = lines[0].Split(',').Length;
        var matrix = new Matrix(lines.Length, cols);
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            if (fields.Length != cols)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}: line {i + 1} has {fields.Length} fields; expected {cols}."));
            }

            for (var j = 0; j < cols; j++)
            {
                matrix[i, j] = double.Parse(fields[j], CultureInfo.InvariantCulture);
            }
        }

        return matrix;
    }
}
