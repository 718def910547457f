using BenchmarkDotNet.Attributes;
using Segmentation.Data.Pipeline;

namespace Segmentation.Benchmarks.Data;

/// <summary>
/// csv.gz → feature table on the shipped dataset (541,909 rows), with allocations. The DuckDB comparison runs as whole
/// processes in bench/data/run_benchmark.sh; this one isolates the in-process cost once the JIT has warmed up.
/// Run: dotnet run -c Release --project tests/Segmentation.Benchmarks -- --filter '*FeaturePipeline*'
/// </summary>
[MemoryDiagnoser]
public class FeaturePipelineBenchmark
{
    private string _root = "";

    [GlobalSetup]
    public void Setup()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Segmentation.sln")))
        {
            directory = directory.Parent;
        }

        _root = directory?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }

    /// <summary>Read, clean, build every feature; returns the customer count so the work cannot be skipped.</summary>
    [Benchmark]
    public int ShippedDatasetToFeatures() =>
        FeaturePipeline.Run(new DataOptions(), _root, CancellationToken.None).Table.RowCount;
}
