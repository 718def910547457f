using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Reading;
using Segmentation.Parquet.Schema;
using Segmentation.Parquet.Writing;

namespace Segmentation.Parquet.Tests.Writing;

public class ParquetWriterTests
{
    public static TheoryData<ParquetCompression, bool, bool> Variants()
    {
        var data = new TheoryData<ParquetCompression, bool, bool>();
        foreach (var compression in Enum.GetValues<ParquetCompression>())
        {
            foreach (var dictionary in new[] { true, false })
            {
                foreach (var distinct in new[] { true, false })
                {
                    data.Add(compression, dictionary, distinct);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void WriteTable_EveryTypeAndCodec_RoundTripsThroughReader(ParquetCompression compression, bool dictionary, bool distinct)
    {
        var table = SampleTables.Build(3000, seed: 7, distinct);
        var options = new ParquetWriterOptions { Compression = compression, UseDictionary = dictionary, RowGroupSize = 1100, DataPageSize = 4096 };

        var bytes = SampleTables.Write(SampleTables.AllTypes, table, options);

        using var reader = ParquetReader.Open(new MemoryStream(bytes));
        Assert.Equal(3, reader.RowGroupCount);
        Assert.Equal(3000, reader.RowCount);
        Assert.Equal(SampleTables.AllTypes.Fields, reader.Schema.Fields);
        var offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.ReadRowGroup(g);
            for (var c = 0; c < table.Length; c++)
            {
                SampleTables.AssertSame(table[c].Slice(offset, (int)group.RowCount), group[c], SampleTables.AllTypes.Fields[c].Name);
            }

            offset += (int)group.RowCount;
        }
    }

    [Fact]
    public void WriteRowGroup_DictionaryOnSmallPool_UsesRleDictionaryAndFallsBackWhenTooLarge()
    {
        var schema = new ParquetSchema(new ParquetField("s", ParquetType.String, false));
        var pooled = ParquetColumnData.FromString(Enumerable.Range(0, 5000).Select(i => $"word{i % 10}").ToArray());
        var unique = ParquetColumnData.FromString(Enumerable.Range(0, 5000).Select(i => $"a-long-unique-value-{i}").ToArray());

        var small = SampleTables.Write(schema, [pooled], new ParquetWriterOptions { DictionaryPageSizeLimit = 1024 });
        var large = SampleTables.Write(schema, [unique], new ParquetWriterOptions { DictionaryPageSizeLimit = 1024 });

        using var smallReader = ParquetReader.Open(new MemoryStream(small));
        using var largeReader = ParquetReader.Open(new MemoryStream(large));
        Assert.Contains("RLE_DICTIONARY", smallReader.GetColumnChunk(0, "s").Encodings);
        Assert.DoesNotContain("RLE_DICTIONARY", largeReader.GetColumnChunk(0, "s").Encodings);
        SampleTables.AssertSame(unique, largeReader.ReadRowGroup(0)[0], "s");
    }

    [Fact]
    public void Close_WithStatistics_RecordsTypedMinMaxAndNullCount()
    {
        var schema = new ParquetSchema(
            new ParquetField("i", ParquetType.Int32, true),
            new ParquetField("f", ParquetType.Double, false),
            new ParquetField("s", ParquetType.String, true),
            new ParquetField("t", ParquetType.TimestampMicros, false),
            new ParquetField("d", ParquetType.Date, false),
            new ParquetField("b", ParquetType.Boolean, false));
        var columns = new[]
        {
            ParquetColumnData.FromInt32([5, -3, 0, 9], [false, false, true, false]),
            ParquetColumnData.FromDouble([0.5, double.NaN, -2.25, 0.0]),
            ParquetColumnData.FromString(["b", null, "a\u00e9", "\U0001F600"]),
            ParquetColumnData.FromTimestamp([new DateTime(2011, 1, 2, 3, 4, 5), new DateTime(2010, 12, 1), new DateTime(2011, 1, 1), new DateTime(2011, 6, 1)]),
            ParquetColumnData.FromDate([new DateOnly(2020, 2, 29), new DateOnly(1969, 12, 31), new DateOnly(2000, 1, 1), new DateOnly(2000, 1, 2)]),
            ParquetColumnData.FromBoolean([true, true, true, true]),
        };
        var second = columns.Select(c => c.Slice(0, 4)).ToArray();
        second[2] = ParquetColumnData.FromString(["\uffff", "\U0001F600", "z", null]);

        var bytes = WriteGroups(schema, columns, second);

        using var reader = ParquetReader.Open(new MemoryStream(bytes));
        Assert.Equal(new ParquetColumnStatistics(1, null, -3, 9), reader.GetStatistics(0, "i"));
        Assert.Equal(new ParquetColumnStatistics(0, null, -2.25, 0.5), reader.GetStatistics(0, "f"));
        Assert.Equal(new ParquetColumnStatistics(1, null, "a\u00e9", "\U0001F600"), reader.GetStatistics(0, "s"));
        // UTF-8 byte order puts U+1F600 (F0 ...) after U+FFFF (EF ...), unlike UTF-16 ordinal order.
        Assert.Equal(new ParquetColumnStatistics(1, null, "z", "\U0001F600"), reader.GetStatistics(1, "s"));
        Assert.Equal(new DateTime(2010, 12, 1), reader.GetStatistics(0, "t")!.Min);
        Assert.Equal(new DateTime(2011, 6, 1), reader.GetStatistics(0, "t")!.Max);
        Assert.Equal(new DateOnly(1969, 12, 31), reader.GetStatistics(0, "d")!.Min);
        Assert.Equal(new ParquetColumnStatistics(0, null, true, true), reader.GetStatistics(0, "b"));
    }

    [Fact]
    public void Close_KeyValueMetadataAndCreatedBy_AreReadBack()
    {
        var schema = new ParquetSchema(new ParquetField("x", ParquetType.Int64, false));
        var options = new ParquetWriterOptions
        {
            KeyValueMetadata = new Dictionary<string, string> { ["origin"] = "unit test", ["digest"] = "abc" },
            CreatedBy = "test writer",
        };

        var bytes = SampleTables.Write(schema, [ParquetColumnData.FromInt64([1, 2, 3])], options);

        using var reader = ParquetReader.Open(new MemoryStream(bytes));
        Assert.Equal("unit test", reader.KeyValueMetadata["origin"]);
        Assert.Equal("abc", reader.KeyValueMetadata["digest"]);
        Assert.Equal("test writer", reader.CreatedBy);
    }

    [Fact]
    public void WriteRowGroup_EmptyAndAllNullColumns_RoundTrip()
    {
        var schema = new ParquetSchema(new ParquetField("s", ParquetType.String, true), new ParquetField("v", ParquetType.Double, true));

        var bytes = WriteGroups(
            schema,
            [ParquetColumnData.FromString([]), ParquetColumnData.FromDouble([])],
            [ParquetColumnData.FromString(new string?[500]), ParquetColumnData.FromDouble(new double[500], Enumerable.Repeat(true, 500).ToArray())]);

        using var reader = ParquetReader.Open(new MemoryStream(bytes));
        Assert.Equal(0, reader.ReadRowGroup(0).RowCount);
        var group = reader.ReadRowGroup(1);
        Assert.Equal(500, group["s"].NullCount);
        Assert.Equal(500, group["v"].NullCount);
        Assert.Equal(new ParquetColumnStatistics(500, null, null, null), reader.GetStatistics(1, "v"));
    }

    [Fact]
    public void WriteRowGroup_ColumnsThatDoNotMatchSchema_ThrowArgumentExceptionNamingColumn()
    {
        var schema = new ParquetSchema(new ParquetField("a", ParquetType.Int32, false), new ParquetField("b", ParquetType.String, false));
        using var writer = new ParquetWriter(new MemoryStream(), schema);

        var wrongType = Assert.Throws<ArgumentException>(() => writer.WriteRowGroup([ParquetColumnData.FromInt32([1]), ParquetColumnData.FromInt32([1])]));
        var nullInRequired = Assert.Throws<ArgumentException>(() => writer.WriteRowGroup([ParquetColumnData.FromInt32([1]), ParquetColumnData.FromString([null])]));
        var lengths = Assert.Throws<ArgumentException>(() => writer.WriteRowGroup([ParquetColumnData.FromInt32([1, 2]), ParquetColumnData.FromString(["x"])]));

        Assert.Contains("'b'", wrongType.Message, StringComparison.Ordinal);
        Assert.Contains("required", nullInRequired.Message, StringComparison.Ordinal);
        Assert.Contains("rows", lengths.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Invalid_ValidateNamesTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new ParquetWriterOptions { RowGroupSize = 0 }.Validate());

        Assert.Contains("RowGroupSize", error.Message, StringComparison.Ordinal);
    }

    private static byte[] WriteGroups(ParquetSchema schema, params ParquetColumnData[][] groups)
    {
        using var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, schema, new ParquetWriterOptions(), leaveOpen: true))
        {
            foreach (var group in groups)
            {
                writer.WriteRowGroup(group);
            }
        }

        return stream.ToArray();
    }
}
