using BenchmarkDotNet.Attributes;
using Segmentation.Parquet.Reading;
using Segmentation.Parquet.Writing;

namespace Segmentation.Benchmarks.Parquet;

/// <summary>
/// Writes and reads the 541,909-row Online Retail table with SNAPPY and GZIP. bench/parquet/run.sh runs these next to
/// DuckDB's COPY TO / read_parquet on the same data and prints both side by side.
/// </summary>
[MemoryDiagnoser]
public class ParquetBenchmarks
{
    private OnlineRetailTable _table = null!;
    private byte[] _file = [];

    /// <summary>The codec under test.</summary>
    [Params(ParquetCompression.Snappy, ParquetCompression.Gzip)]
    public ParquetCompression Compression { get; set; }

    /// <summary>Loads the CSV (PARQUET_BENCH_DATA, or data/ above the binaries) once and writes the file the read benchmark reads; with PARQUET_BENCH_OUT set, saves it there for size reports.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var data = Environment.GetEnvironmentVariable("PARQUET_BENCH_DATA");
        _table = OnlineRetailTable.Load(string.IsNullOrEmpty(data) ? OnlineRetailTable.FindDataFile(AppContext.BaseDirectory) : data);
        _file = WriteToMemory();
        var output = Environment.GetEnvironmentVariable("PARQUET_BENCH_OUT");
        if (!string.IsNullOrEmpty(output))
        {
            Directory.CreateDirectory(output);
            File.WriteAllBytes(Path.Combine(output, $"ours-{Compression.ToString().ToLowerInvariant()}.parquet"), _file);
        }
    }

    /// <summary>Writes the whole table (row groups of the default size) to memory.</summary>
    [Benchmark]
    public long Write() => WriteToMemory().LongLength;

    /// <summary>Reads every row group and column of the file back.</summary>
    [Benchmark]
    public long Read()
    {
        using var reader = ParquetReader.Open(new MemoryStream(_file, writable: false));
        long values = 0;
        foreach (var group in reader.ReadRowGroups())
        {
            foreach (var column in group)
            {
                values += column.Count;
            }
        }

        return values;
    }

    private byte[] WriteToMemory()
    {
        using var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, OnlineRetailTable.Schema, new ParquetWriterOptions { Compression = Compression }, leaveOpen: true))
        {
            writer.WriteTable(_table.Columns);
        }

        return stream.ToArray();
    }
}
