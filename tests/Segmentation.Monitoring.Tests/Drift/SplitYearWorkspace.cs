using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Segmentation.Cli;
using Segmentation.Runner.Tests;

namespace Segmentation.Monitoring.Tests.Drift;

/// <summary>
/// The shipped year split at <see cref="SplitDate"/> (the file is in invoice-date order): the first half trains a small
/// KMeans sweep that is promoted to <c>champion</c> in a local tracking store, the second half is the new batch. Built once
/// per test class; every path is explicit, so no test reads or sets the process environment.
/// </summary>
public sealed class SplitYearWorkspace : IDisposable
{
    /// <summary>The first day of the second half.</summary>
    public const string SplitDate = "2011-06-01";

    /// <summary>The registered model the workspace promotes.</summary>
    public const string ModelName = "drift-test-segments";

    private const string Config = """
        experiment:
          name: drift-test
        search:
          features: [recency_days, tenure_days, monetary]
          scalers: [log1p+minmax]
          reduction:
            - pca: {components: 2}
          algorithms:
            kmeans:
              k: [4, 5]
              n_init: 3
        objective:
          metric: silhouette
        registry:
          model_name: drift-test-segments
          alias: champion
        gate:
          silhouette: {min: 0.0}
        """;

    public SplitYearWorkspace()
    {
        Directory = Path.Combine(Path.GetTempPath(), "drift-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "configs"));
        File.WriteAllText(Path.Combine(Directory, "configs", "drift.yaml"), Config);
        // With a monitoring: section, as the shipped params.yaml has: the sweep must accept it and drift read it.
        File.WriteAllText(Path.Combine(Directory, "params.yaml"), "data:\n  input: first_half.csv\nmonitoring:\n  psi_warn: 0.1\n  psi_alert: 0.25\n");
        Split();
        TrackingUri = "sqlite:///" + Path.Combine(Directory, "mlflow.db");
        var sweep = Run("sweep", "configs/drift.yaml", "--tracking-uri", TrackingUri);
        Assert.True(sweep.Code == 0, "sweep: " + sweep.Error + sweep.Output);
        var promote = Run("promote", "--config", "configs/drift.yaml", "--tracking-uri", TrackingUri);
        Assert.True(promote.Code == 0, "promote: " + promote.Error + promote.Output);
    }

    /// <summary>The working directory.</summary>
    public string Directory { get; }

    /// <summary>The local tracking store.</summary>
    public string TrackingUri { get; }

    /// <summary>The model reference drift is run against.</summary>
    public static string Champion => $"models:/{ModelName}@champion";

    /// <summary>Runs a verb in the workspace; returns its exit code and what it printed.</summary>
    public (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var context = new CliContext(output, error, TimeProvider.System, Directory);
        var code = SegmentCli.BuildRoot(context).Parse(args).InvokeAsync(new() { Output = output, Error = error }).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>segment drift --json</c> on <paramref name="input"/> and parses the printed report.</summary>
    public (int Code, JsonElement Report, string Error) Drift(string input, params string[] extra)
    {
        var (code, output, error) = Run(["drift", "--model", Champion, "--input", input, "--json", "--tracking-uri", TrackingUri, "--dataset-store", Path.Combine(Directory, ".segmentation", "datasets"), .. extra]);
        Assert.True(output.Length > 0, $"drift printed nothing (exit {code}): {error}");
        return (code, JsonDocument.Parse(output).RootElement.Clone(), error);
    }

    private void Split()
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(RepositoryPaths.Root, "data", "online_retail.csv.gz")), CompressionMode.Decompress));
        using var first = new StreamWriter(Path.Combine(Directory, "first_half.csv"));
        using var second = new StreamWriter(Path.Combine(Directory, "second_half.csv"));
        var header = reader.ReadLine()!;
        first.WriteLine(header);
        second.WriteLine(header);
        while (reader.ReadLine() is { } line)
        {
            // ISO dates (2011-06-01T08:26:00) sort as text; descriptions may hold commas, so the date is found by shape.
            var date = System.Text.RegularExpressions.Regex.Match(line, @",(\d{4}-\d{2}-\d{2})T\d{2}:").Groups[1].Value;
            Assert.True(date.Length == 10, "no invoice date in: " + line);
            (string.CompareOrdinal(date, SplitDate) < 0 ? first : second).WriteLine(line);
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a store handle still closing must not fail the run.
        }
    }
}
