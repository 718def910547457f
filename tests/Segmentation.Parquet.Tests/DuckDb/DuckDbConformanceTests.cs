using System.Globalization;
using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Reading;
using Segmentation.Parquet.Writing;

namespace Segmentation.Parquet.Tests.DuckDb;

/// <summary>
/// Files we write are read by DuckDB, and files DuckDB writes are read by us, with identical types, values and nulls.
/// Each direction runs node once for all its variants (the fixture caches the output) to keep the suite fast.
/// </summary>
[Collection(DuckDbCollection.Name)]
public sealed class DuckDbConformanceTests(DuckDbFixture duckDb)
{
    private const int DuckDbRows = 5000;

    private static readonly (ParquetCompression Compression, bool Dictionary, bool Distinct)[] OurVariants =
    [
        (ParquetCompression.None, true, false),
        (ParquetCompression.None, false, true),
        (ParquetCompression.Snappy, true, false),
        (ParquetCompression.Snappy, false, false),
        (ParquetCompression.Gzip, true, true),
        (ParquetCompression.Gzip, false, false),
    ];

    private static readonly (string Name, string Options)[] DuckDbVariants =
    [
        ("uncompressed", "COMPRESSION uncompressed"),
        ("snappy", "COMPRESSION snappy"),
        ("gzip-small-groups", "COMPRESSION gzip, ROW_GROUP_SIZE 1000"),
        ("snappy-no-dictionary", "COMPRESSION snappy, DICTIONARY_SIZE_LIMIT 0"),
        ("v2", "PARQUET_VERSION V2"),
        ("v2-gzip-small-groups", "PARQUET_VERSION V2, COMPRESSION gzip, ROW_GROUP_SIZE 2048"),
        ("v2-uncompressed-no-dictionary", "PARQUET_VERSION V2, COMPRESSION uncompressed, DICTIONARY_SIZE_LIMIT 0"),
        ("zstd", "COMPRESSION zstd"),
    ];

    public static TheoryData<int> OurVariantIndexes() => new(Enumerable.Range(0, OurVariants.Length));

    public static TheoryData<string> DuckDbVariantNames() => new(DuckDbVariants.Where(v => v.Name != "zstd").Select(v => v.Name));

    [Theory]
    [MemberData(nameof(OurVariantIndexes))]
    public void OurFile_ReadByDuckDb_HasSameTypesValuesAndNulls(int variant)
    {
        var (table, duck) = OursReadByDuckDb()[variant];

        Assert.Equal(
            SampleTables.AllTypes.Fields.Select(f => (f.Name, DuckDbTable.DuckDbTypeOf(f.Type))),
            duck.Columns);
        Assert.Equal(table[0].Count, duck.Rows.Count);
        for (var c = 0; c < table.Length; c++)
        {
            duck.AssertColumnEquals(SampleTables.AllTypes.Fields[c].Name, table[c], 0);
        }
    }

    [Theory]
    [MemberData(nameof(OurVariantIndexes))]
    public void OurFile_StatisticsSeenByDuckDb_MatchTheData(int variant)
    {
        var (table, duck) = OursReadByDuckDb()[variant];
        var groups = duck.Statistics.GroupBy(s => int.Parse(s[0]!, CultureInfo.InvariantCulture)).OrderBy(g => g.Key).ToArray();

        Assert.Equal(3, groups.Length);
        foreach (var group in groups)
        {
            var offset = group.Key * 900;
            var rows = Math.Min(900, table[0].Count - offset);
            foreach (var chunk in group)
            {
                var column = table[SampleTables.AllTypes.IndexOf(chunk[1]!)].Slice(offset, rows);
                Assert.Equal(column.NullCount.ToString(CultureInfo.InvariantCulture), chunk[4]);
                if (column.Type == Schema.ParquetType.Int32)
                {
                    var present = column.AsInt32().Where((_, i) => !column.IsNull(i)).ToArray();
                    Assert.Equal((present.Min().ToString(CultureInfo.InvariantCulture), present.Max().ToString(CultureInfo.InvariantCulture)), (chunk[2], chunk[3]));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(DuckDbVariantNames))]
    public void DuckDbFile_ReadByUs_HasSameTypesValuesAndNulls(string variant)
    {
        var duck = DuckDbFiles();

        using var reader = ParquetReader.Open(DuckDbPath(variant));
        Assert.Equal(duck.Columns.Select(c => c.Name), reader.Schema.Fields.Select(f => f.Name));
        foreach (var (field, column) in reader.Schema.Fields.Zip(duck.Columns))
        {
            Assert.True(DuckDbTable.Matches(field.Type, column.Type), $"column '{field.Name}': we read {field.Type}, DuckDB has {column.Type}");
        }

        Assert.Equal(DuckDbRows, reader.RowCount);
        var offset = 0;
        foreach (var group in reader.ReadRowGroups())
        {
            for (var c = 0; c < group.Count; c++)
            {
                duck.AssertColumnEquals(group.Fields[c].Name, group[c], offset);
            }

            offset += (int)group.RowCount;
        }

        Assert.Equal(DuckDbRows, offset);
        if (variant.Contains("small-groups", StringComparison.Ordinal))
        {
            Assert.True(reader.RowGroupCount > 1, $"expected several row groups, got {reader.RowGroupCount}");
        }
    }

    [Fact]
    public void DuckDbFile_Projection_ReadsOnlyNamedColumnsInOrder()
    {
        var duck = DuckDbFiles();

        using var reader = ParquetReader.Open(DuckDbPath("snappy"));
        var group = reader.ReadRowGroup(0, ["sn", "i32"]);

        Assert.Equal(["sn", "i32"], group.Fields.Select(f => f.Name));
        duck.AssertColumnEquals("sn", group[0], 0);
        duck.AssertColumnEquals("i32", group[1], 0);
    }

    [Fact]
    public void DuckDbFile_Zstd_RaisesUnsupportedCodecError()
    {
        DuckDbFiles();

        using var reader = ParquetReader.Open(DuckDbPath("zstd"));
        var error = Assert.Throws<ParquetException>(() => reader.ReadRowGroup(0));

        Assert.StartsWith($"{DuckDbPath("zstd")}: row group 0, column 'i32'", error.Message, StringComparison.Ordinal);
        Assert.Contains("unsupported: compression codec ZSTD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuckDbFile_Statistics_MatchDuckDbValues()
    {
        var duck = DuckDbFiles();

        using var reader = ParquetReader.Open(DuckDbPath("gzip-small-groups"));
        var rows = (int)reader.GetRowGroupRowCount(0);
        var stats = reader.GetStatistics(0, "i32n")!;
        var values = duck.Rows.Take(rows).Select(r => r[1]).Where(v => v is not null).Select(v => int.Parse(v!, CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(duck.Rows.Take(rows).Count(r => r[1] is null), stats.NullCount);
        Assert.Equal(values.Min(), stats.Min);
        Assert.Equal(values.Max(), stats.Max);
    }

    private string DuckDbPath(string variant) => Path.Combine(duckDb.ScratchDirectory, $"duckdb-{variant}.parquet");

    private DuckDbTable DuckDbFiles() => duckDb.Cached("duckdb-files", () =>
    {
        var arguments = new List<string> { DuckDbRows.ToString(CultureInfo.InvariantCulture) };
        foreach (var (name, options) in DuckDbVariants)
        {
            arguments.Add(DuckDbPath(name));
            arguments.Add(options);
        }

        return DuckDbTable.Parse(duckDb.RunScript("write-parquet.mjs", [.. arguments]));
    });

    private (ParquetColumnData[] Table, DuckDbTable Duck)[] OursReadByDuckDb() => duckDb.Cached("ours-read-by-duckdb", () =>
    {
        var tables = new List<ParquetColumnData[]>();
        var paths = new List<string>();
        foreach (var (compression, dictionary, distinct) in OurVariants)
        {
            var table = SampleTables.Build(2500, seed: 11, distinct);
            var path = Path.Combine(duckDb.ScratchDirectory, $"ours-{compression}-{dictionary}-{distinct}.parquet");
            File.WriteAllBytes(path, SampleTables.Write(
                SampleTables.AllTypes,
                table,
                new ParquetWriterOptions { Compression = compression, UseDictionary = dictionary, RowGroupSize = 900, DataPageSize = 8192 }));
            tables.Add(table);
            paths.Add(path);
        }

        var duck = DuckDbTable.ParseMany(duckDb.RunScript("read-parquet.mjs", [.. paths]));
        return tables.Zip(duck).ToArray();
    });
}
