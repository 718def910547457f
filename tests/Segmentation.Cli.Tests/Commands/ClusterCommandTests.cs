using System.Globalization;
using System.Text;
using System.Text.Json;
using System.CommandLine.Completions;
using Segmentation.Cli;
using Segmentation.Cli.Commands;
using Segmentation.Runner.Algorithms;

namespace Segmentation.Cli.Tests.Commands;

public sealed class ClusterCommandTests : IDisposable
{
    private const int Customers = 12;

    private readonly string _dir = Directory.CreateTempSubdirectory("segcluster-").FullName;

    public ClusterCommandTests()
    {
        File.WriteAllText(Path.Combine(_dir, "tx.csv"), Transactions());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("kmeans")]
    [InlineData("gmm")]
    [InlineData("agglomerative")]
    public async Task Cluster_AlgorithmWithK2_PrintsMetricsAndTwoClusterSizes(string algorithm)
    {
        var (code, output, error) = await Run("cluster", "--input", "tx.csv", "--algorithm", algorithm, "--k", "2");

        Assert.True(code == 0, error);
        Assert.Contains($"cluster: {algorithm}-k2-", output, StringComparison.Ordinal);
        Assert.Contains("12 customers x 6 features", output, StringComparison.Ordinal);
        foreach (var metric in new[] { "silhouette", "davies_bouldin", "calinski_harabasz", "inertia", "n_clusters", "noise_fraction", "min_cluster_fraction", "max_cluster_fraction", "fit_seconds" })
        {
            Assert.Contains("\n" + metric + " ", output, StringComparison.Ordinal);
        }

        // The two shapes of customer are far apart: the split is 6 and 6 whichever algorithm draws it.
        Assert.Matches(@"\n0\s+6\s+50\.0 %\n1\s+6\s+50\.0 %\n", output);
    }

    [Fact]
    public async Task Cluster_Dbscan_PrintsClustersFoundAndNoise()
    {
        var (code, output, error) = await Run("cluster", "--input", "tx.csv", "--algorithm", "dbscan", "--eps", "1.5", "--min-samples", "3", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("dbscan", root.GetProperty("params").GetProperty("algorithm").GetString());
        Assert.Equal("1.5", root.GetProperty("params").GetProperty("dbscan.eps").GetString());
        Assert.Equal(2.0, root.GetProperty("metrics").GetProperty("n_clusters").GetDouble());
        Assert.Equal(Customers, root.GetProperty("clusters").EnumerateArray().Sum(c => c.GetProperty("size").GetInt32()));
    }

    [Fact]
    public async Task Cluster_DbscanWithNoise_ListsNoiseAsItsOwnRow()
    {
        // With a tiny radius and min-samples above the group size, every customer is noise.
        var text = await Run("cluster", "--input", "tx.csv", "--algorithm", "dbscan", "--eps", "0.001", "--min-samples", "7");
        var json = await Run("cluster", "--input", "tx.csv", "--algorithm", "dbscan", "--eps", "0.001", "--min-samples", "7", "--json");

        Assert.True(text.Code == 0, text.Err);
        Assert.Matches(@"\nnoise\s+12\s+100\.0 %\n", text.Out);
        using var doc = JsonDocument.Parse(json.Out);
        var noise = Assert.Single(doc.RootElement.GetProperty("clusters").EnumerateArray());
        Assert.Equal(-1, noise.GetProperty("label").GetInt32());
        Assert.Equal(1.0, doc.RootElement.GetProperty("metrics").GetProperty("noise_fraction").GetDouble());
    }

    [Fact]
    public async Task Cluster_Json_HasRunParamsDatasetMetricsAndClusters()
    {
        var (code, output, error) = await Run("cluster", "--input", "tx.csv", "--algorithm", "gmm", "--k", "2", "--covariance", "diag", "--seed", "7", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("gmm-k2-diag-log1p+standard", root.GetProperty("run_name").GetString());
        Assert.Equal(7, root.GetProperty("seed").GetInt32());
        Assert.Equal(64, root.GetProperty("trial_hash").GetString()!.Length);
        Assert.Equal("7", root.GetProperty("params").GetProperty("seed").GetString());
        Assert.Equal(64, root.GetProperty("dataset").GetProperty("digest").GetString()!.Length);
        Assert.False(root.GetProperty("dataset").GetProperty("cache_hit").GetBoolean());
        Assert.Equal(Customers, root.GetProperty("customers").GetInt32());
        var metrics = root.GetProperty("metrics");
        foreach (var metric in new[] { "silhouette", "davies_bouldin", "calinski_harabasz", "inertia", "bic", "aic", "n_clusters", "noise_fraction", "min_cluster_fraction", "max_cluster_fraction", "fit_seconds" })
        {
            Assert.Equal(JsonValueKind.Number, metrics.GetProperty(metric).ValueKind);
        }

        var clusters = root.GetProperty("clusters").EnumerateArray().ToList();
        Assert.Equal([0, 1], clusters.Select(c => c.GetProperty("label").GetInt32()));
        Assert.Equal([6, 6], clusters.Select(c => c.GetProperty("size").GetInt32()));
        Assert.Equal([0.5, 0.5], clusters.Select(c => c.GetProperty("fraction").GetDouble()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("labels_file").ValueKind);
    }

    [Fact]
    public async Task Cluster_Out_WritesCustomerIdAndLabelForEveryCustomer()
    {
        var (code, output, error) = await Run("cluster", "--input", "tx.csv", "--algorithm", "kmeans", "--k", "2", "--out", "labels.csv");

        Assert.True(code == 0, error);
        var path = Path.Combine(_dir, "labels.csv");
        Assert.Contains("labels:  " + path, output, StringComparison.Ordinal);
        var lines = File.ReadAllLines(path);
        Assert.Equal("customer_id,label", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(Enumerable.Range(0, Customers).Select(CustomerId), rows.Select(r => long.Parse(r[0], CultureInfo.InvariantCulture)).Order());
        var byCustomer = rows.ToDictionary(r => long.Parse(r[0], CultureInfo.InvariantCulture), r => r[1]);
        // Even-numbered customers are the small ones, odd-numbered the big ones (see Transactions).
        Assert.Single(byCustomer.Where(kv => (kv.Key - 20000) % 2 == 0).Select(kv => kv.Value).Distinct());
        Assert.Single(byCustomer.Where(kv => (kv.Key - 20000) % 2 == 1).Select(kv => kv.Value).Distinct());
        Assert.NotEqual(byCustomer[CustomerId(0)], byCustomer[CustomerId(1)]);
    }

    [Fact]
    public async Task Cluster_SecondRun_ReadsTheStoredDatasetAndGivesTheSameResult()
    {
        var first = await Run("cluster", "--input", "tx.csv", "--algorithm", "kmeans", "--k", "2", "--json");
        var second = await Run("cluster", "--input", "tx.csv", "--algorithm", "kmeans", "--k", "2", "--json");

        using var a = JsonDocument.Parse(first.Out);
        using var b = JsonDocument.Parse(second.Out);
        Assert.True(b.RootElement.GetProperty("dataset").GetProperty("cache_hit").GetBoolean());
        Assert.Equal(a.RootElement.GetProperty("trial_hash").GetString(), b.RootElement.GetProperty("trial_hash").GetString());
        Assert.Equal(a.RootElement.GetProperty("metrics").GetProperty("inertia").GetDouble(), b.RootElement.GetProperty("metrics").GetProperty("inertia").GetDouble());
    }

    [Theory]
    [InlineData("k must be at least 2 for kmeans, found 1", "--algorithm", "kmeans", "--k", "1")]
    [InlineData("unknown algorithm 'spectral'; expected one of: kmeans, gmm, agglomerative, dbscan", "--algorithm", "spectral")]
    [InlineData("Unknown scaler 'zscore'; expected one of: none, standard", "--algorithm", "kmeans", "--scaler", "zscore")]
    [InlineData("eps must be a finite number greater than 0, found 0", "--algorithm", "dbscan", "--eps", "0")]
    [InlineData("unknown covariance 'banded'; expected one of: full, diag, spherical, tied", "--algorithm", "gmm", "--covariance", "banded")]
    [InlineData("unknown linkage 'centroid'; expected one of: ward, complete, average, single", "--algorithm", "agglomerative", "--linkage", "centroid")]
    [InlineData("--reduction 'pca:x': expected none, pca:N", "--algorithm", "kmeans", "--reduction", "pca:x")]
    [InlineData("unknown feature 'age'; the table has:", "--algorithm", "kmeans", "--features", "recency_days,age")]
    [InlineData("transactions file not found", "--algorithm", "kmeans", "--input", "missing.csv")]
    public async Task Cluster_BadInput_ExitsWithTwoAndSaysWhatWasExpected(string expected, params string[] args)
    {
        string[] common = args.Contains("--input") ? ["cluster"] : ["cluster", "--input", "tx.csv"];
        var (code, output, error) = await Run([.. common, .. args]);

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task Cluster_MissingAlgorithm_IsAUsageError()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SegmentCli.RunAsync(["cluster", "--k", "3"], output, error);

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("--algorithm", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_ShippedDataWithKMeans_FindsFiveClustersOfEveryCustomer()
    {
        var shipped = Path.Combine(RepoRoot(), "data", "online_retail.csv.gz");

        var (code, output, error) = await Run("cluster", "--input", shipped, "--algorithm", "kmeans", "--k", "5", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(5.0, root.GetProperty("metrics").GetProperty("n_clusters").GetDouble());
        Assert.InRange(root.GetProperty("metrics").GetProperty("silhouette").GetDouble(), 0.1, 1.0);
        Assert.Equal(root.GetProperty("customers").GetInt32(), root.GetProperty("clusters").EnumerateArray().Sum(c => c.GetProperty("size").GetInt32()));
        Assert.True(root.GetProperty("customers").GetInt32() > 4000);
    }

    [Fact]
    public void Cluster_AlgorithmOption_OffersExactlyTheRegistryNames()
    {
        var command = new ClusterCommand(new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System, _dir));
        var algorithm = command.Options.Single(o => o.Name == "--algorithm");

        var offered = algorithm.GetCompletions(CompletionContext.Empty).Select(c => c.Label);

        // System.CommandLine sorts completions; the set is what must match.
        Assert.Equal(AlgorithmRegistry.Default.Names.Order(StringComparer.Ordinal), offered.Order(StringComparer.Ordinal));
        Assert.Equal("kmeans, gmm, agglomerative or dbscan", algorithm.Description);
    }

    [Fact]
    public void Cluster_AlgorithmOptions_AreTheDescriptorsOptionsOnceEach()
    {
        var command = new ClusterCommand(new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System, _dir));

        Assert.Equal(["--k", "--covariance", "--linkage", "--eps", "--min-samples"], ClusterCommand.AlgorithmOptionNames(AlgorithmRegistry.Default));
        Assert.Equal(
            ["--input", "--params", "--store", "--algorithm", "--k", "--covariance", "--linkage", "--eps", "--min-samples", "--scaler", "--reduction", "--features", "--seed", "--out", "--json"],
            command.Options.Select(o => o.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal) && n != "--help"));
        Assert.Equal("Number of clusters (kmeans, gmm or agglomerative)", command.Options.Single(o => o.Name == "--k").Description);
        Assert.Equal("GMM covariance: full, diag, spherical or tied", command.Options.Single(o => o.Name == "--covariance").Description);
    }

    [Fact]
    public async Task Cluster_RegistryWithOnlyDbscan_OffersOnlyItAndItsOptions()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, TimeProvider.System, _dir);
        var command = new ClusterCommand(context, new AlgorithmRegistry([AlgorithmRegistry.Default.Get("dbscan")]));

        var code = await command.Parse(["--input", "tx.csv", "--algorithm", "kmeans"]).InvokeAsync(new() { Output = output, Error = error });

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("unknown algorithm 'kmeans'; expected one of: dbscan", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(command.Options, o => o.Name == "--k");
    }

    private static long CustomerId(int i) => 20000 + i;

    // Even customers: one small order a year ago. Odd customers: five large orders in the last month, many products.
    // log1p+standard puts the two groups far apart on every default feature.
    private static string Transactions()
    {
        var sb = new StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
        var invoice = 600000;
        for (var c = 0; c < Customers; c++)
        {
            var big = c % 2 == 1;
            var orders = big ? 5 : 1;
            for (var o = 0; o < orders; o++)
            {
                var date = big ? new DateTime(2011, 11, 1 + (o * 6) + (c % 3), 10, 0, 0) : new DateTime(2010, 12, 1 + c, 10, 0, 0);
                var lines = big ? 4 : 1;
                for (var l = 0; l < lines; l++)
                {
                    var quantity = big ? 40 + c + l : 1 + (c % 3);
                    var price = big ? 5.5 + l : 1.25;
                    sb.Append(CultureInfo.InvariantCulture,
                        $"{invoice},{21000 + l + (o * 4)},ITEM,{quantity},{date:yyyy-MM-ddTHH:mm:ss},{price},{CustomerId(c)},United Kingdom\n");
                }

                invoice++;
            }
        }

        return sb.ToString();
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Segmentation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (Segmentation.sln) not found above " + AppContext.BaseDirectory);
    }

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, TimeProvider.System, _dir);
        var code = await SegmentCli.BuildRoot(context).Parse(args).InvokeAsync(new() { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
