using System.Globalization;
using Segmentation.Parquet.Reading;
using Segmentation.Parquet.Writing;

namespace Segmentation.Parquet.Tests.DuckDb;

[Collection(DuckDbCollection.Name)]
public sealed class DuckDbConformanceTests(DuckDbFixture duckDb) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("segmentation-parquet-conformance-").FullName;

    public static TheoryData<ParquetCompression, bool, bool> WriterVariants() => new()
    {
        { ParquetCompression.None, true, false },
        { ParquetCompression.None, false, true },
        { ParquetCompression.Snappy, true, false },
        { ParquetCompression.Snappy, false, false },
        { ParquetCompression.Gzip, true, true },
        { ParquetCompression.Gzip, false, false },
    };

    public static TheoryData<string> DuckDbWriterOptions() => new()
    {
        "COMPRESSION uncompressed",
        "COMPRESSION snappy",
        "COMPRESSION gzip, ROW_GROUP_SIZE 1000",
        "COMPRESSION snappy, DICTIONARY_SIZE_LIMIT 0",
        "PARQUET_VERSION V2",
        "PARQUET_VERSION V2, COMPRESSION gzip, ROW_GROUP_SIZE 2048",
        "PARQUET_VERSION V2, COMPRESSION uncompressed, DICTIONARY_SIZE_LIMIT 0",
    };

    [Theory]
    [MemberData(nameof(WriterVariants))]
    public void OurFile_ReadByDuckDb_HasSameTypesValuesAndNulls(ParquetCompression compression, bool dictionary, bool distinct)
    {
        var table = SampleTables.Build(2500, seed: 11, distinct);
        var path = Path.Combine(_directory, $"ours-{compression}-{dictionary}-{distinct}.parquet");
        File.WriteAllBytes(path, SampleTables.Write(
            SampleTables.AllTypes,
            table,
            new ParquetWriterOptions { Compression = compression, UseDictionary = dictionary, RowGroupSize = 900, DataPageSize = 8192 }));

        var duck = DuckDbTable.Parse(duckDb.RunScript("read-parquet.mjs", path));

        Assert.Equal(
            SampleTables.AllTypes.Fields.Select(f => (f.Name, DuckDbTable.DuckDbTypeOf(f.Type))),
            duck.Columns);
        Assert.Equal(2500, duck.Rows.Count);
        for (var c = 0; c < table.Length; c++)
        {
            duck.AssertColumnEquals(SampleTables.AllTypes.Fields[c].Name, table[c], 0);
        }
    }

    [Theory]
    [MemberData(nameof(DuckDbWriterOptions))]
    public void DuckDbFile_ReadByUs_HasSameTypesValuesAndNulls(string copyOptions)
    {
        var path = Path.Combine(_directory, "duckdb.parquet");

        var duck = DuckDbTable.Parse(duckDb.RunScript("write-parquet.mjs", path, "5000", copyOptions));

        using var reader = ParquetReader.Open(path);
        Assert.Equal(duck.Columns, reader.Schema.Fields.Select(f => (f.Name, DuckDbTable.DuckDbTypeOf(f.Type))));
        Assert.Equal(5000, reader.RowCount);
        var offset = 0;
        foreach (var group in reader.ReadRowGroups())
        {
            for (var c = 0; c < group.Count; c++)
            {
                duck.AssertColumnEquals(group.Fields[c].Name, group[c], offset);
            }

            offset += (int)group.RowCount;
        }

        Assert.Equal(5000, offset);
        if (copyOptions.Contains("ROW_GROUP_SIZE", StringComparison.Ordinal))
        {
            Assert.True(reader.RowGroupCount > 1, $"expected several row groups, got {reader.RowGroupCount}");
        }
    }

    [Fact]
    public void DuckDbFile_Projection_ReadsOnlyNamedColumnsInOrder()
    {
        var path = Path.Combine(_directory, "projection.parquet");
        var duck = DuckDbTable.Parse(duckDb.RunScript("write-parquet.mjs", path, "300", "COMPRESSION snappy"));

        using var reader = ParquetReader.Open(path);
        var group = reader.ReadRowGroup(0, ["sn", "i32"]);

        Assert.Equal(["sn", "i32"], group.Fields.Select(f => f.Name));
        duck.AssertColumnEquals("sn", group[0], 0);
        duck.AssertColumnEquals("i32", group[1], 0);
    }

    [Fact]
    public void DuckDbFile_Zstd_RaisesUnsupportedCodecError()
    {
        var path = Path.Combine(_directory, "zstd.parquet");
        duckDb.RunScript("write-parquet.mjs", path, "100", "COMPRESSION zstd");

        using var reader = ParquetReader.Open(path);
        var error = Assert.Throws<ParquetException>(() => reader.ReadRowGroup(0));

        Assert.StartsWith("row group 0, column 'i32'", error.Message, StringComparison.Ordinal);
        Assert.Contains("unsupported: compression codec ZSTD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuckDbFile_Statistics_MatchDuckDbValues()
    {
        var path = Path.Combine(_directory, "stats.parquet");
        var duck = DuckDbTable.Parse(duckDb.RunScript("write-parquet.mjs", path, "1000", "COMPRESSION snappy"));

        using var reader = ParquetReader.Open(path);
        var i32n = reader.GetStatistics(0, "i32n")!;
        var values = duck.Rows.Select(r => r[1]).Where(v => v is not null).Select(v => int.Parse(v!, CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(duck.Rows.Count(r => r[1] is null), i32n.NullCount);
        Assert.Equal(values.Min(), i32n.Min);
        Assert.Equal(values.Max(), i32n.Max);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
