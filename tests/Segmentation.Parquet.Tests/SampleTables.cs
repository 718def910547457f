using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Schema;
using Segmentation.Parquet.Writing;

namespace Segmentation.Parquet.Tests;

/// <summary>Seeded tables that cover every type, with and without nulls.</summary>
internal static class SampleTables
{
    public static readonly ParquetSchema AllTypes = new(
        new ParquetField("i32", ParquetType.Int32, false),
        new ParquetField("i32n", ParquetType.Int32, true),
        new ParquetField("i64", ParquetType.Int64, false),
        new ParquetField("i64n", ParquetType.Int64, true),
        new ParquetField("f64", ParquetType.Double, false),
        new ParquetField("f64n", ParquetType.Double, true),
        new ParquetField("f32", ParquetType.Float, false),
        new ParquetField("f32n", ParquetType.Float, true),
        new ParquetField("b", ParquetType.Boolean, false),
        new ParquetField("bn", ParquetType.Boolean, true),
        new ParquetField("s", ParquetType.String, false),
        new ParquetField("sn", ParquetType.String, true),
        new ParquetField("ts", ParquetType.TimestampMicros, false),
        new ParquetField("tsn", ParquetType.TimestampMicros, true),
        new ParquetField("d", ParquetType.Date, false),
        new ParquetField("dn", ParquetType.Date, true),
        new ParquetField("bin", ParquetType.ByteArray, false),
        new ParquetField("binn", ParquetType.ByteArray, true));

    private static readonly string[] Words = ["alpha", "beta", "gamma", "delta", "épsilon", "ζeta", "日本", "", "x y z", "emoji 😀"];

    /// <summary>A table of the AllTypes schema; distinct makes values mostly unique (defeating dictionaries), else drawn from small pools.</summary>
    public static ParquetColumnData[] Build(int rows, int seed, bool distinct = false)
    {
        var random = new Random(seed);
        bool[] Nulls() => Enumerable.Range(0, rows).Select(_ => random.Next(5) == 0).ToArray();
        int Pick(int pool) => distinct ? random.Next() : random.Next(pool);

        var i32 = Enumerable.Range(0, rows).Select(_ => Pick(50) - (distinct ? int.MaxValue / 2 : 25)).ToArray();
        var i64 = Enumerable.Range(0, rows).Select(_ => distinct ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(40) * 1_000_000_007L).ToArray();
        var f64 = Enumerable.Range(0, rows).Select(_ => distinct ? (random.NextDouble() - 0.5) * 1e6 : random.Next(30) / 4.0).ToArray();
        var f32 = Enumerable.Range(0, rows).Select(_ => distinct ? (float)(random.NextDouble() * 1000) : random.Next(30) / 8f).ToArray();
        var b = Enumerable.Range(0, rows).Select(_ => random.Next(2) == 0).ToArray();
        string?[] Strings(bool nullable) => Enumerable.Range(0, rows)
            .Select(i => nullable && random.Next(5) == 0 ? null : distinct ? $"v{random.Next()}-{i}" : Words[random.Next(Words.Length)])
            .ToArray();
        var ts = Enumerable.Range(0, rows).Select(_ => new DateTime(2010, 12, 1, 0, 0, 0, DateTimeKind.Unspecified).AddTicks(random.NextInt64(0, TimeSpan.TicksPerDay * 400) / 10 * 10)).ToArray();
        var d = Enumerable.Range(0, rows).Select(_ => new DateOnly(1960, 1, 1).AddDays(random.Next(30000))).ToArray();
        byte[]?[] Blobs(bool nullable) => Enumerable.Range(0, rows)
            .Select(_ => nullable && random.Next(5) == 0 ? null : Enumerable.Range(0, random.Next(6)).Select(_ => (byte)random.Next(256)).ToArray())
            .ToArray();

        return
        [
            ParquetColumnData.FromInt32(i32),
            ParquetColumnData.FromInt32(i32.Reverse().ToArray(), Nulls()),
            ParquetColumnData.FromInt64(i64),
            ParquetColumnData.FromInt64(i64.Reverse().ToArray(), Nulls()),
            ParquetColumnData.FromDouble(f64),
            ParquetColumnData.FromDouble(f64.Reverse().ToArray(), Nulls()),
            ParquetColumnData.FromFloat(f32),
            ParquetColumnData.FromFloat(f32.Reverse().ToArray(), Nulls()),
            ParquetColumnData.FromBoolean(b),
            ParquetColumnData.FromBoolean(b.Reverse().ToArray(), Nulls()),
            ParquetColumnData.FromString(Strings(false)),
            ParquetColumnData.FromString(Strings(true)),
            ParquetColumnData.FromTimestamp(ts),
            ParquetColumnData.FromTimestamp(ts.Reverse().ToArray(), Nulls()),
            ParquetColumnData.FromDate(d),
            ParquetColumnData.FromDate(d.Reverse().ToArray(), Nulls()),
            ParquetColumnData.FromByteArray(Blobs(false)),
            ParquetColumnData.FromByteArray(Blobs(true)),
        ];
    }

    /// <summary>Writes a table to bytes.</summary>
    public static byte[] Write(ParquetSchema schema, IReadOnlyList<ParquetColumnData> columns, ParquetWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, schema, options, leaveOpen: true))
        {
            writer.WriteTable(columns);
        }

        return stream.ToArray();
    }

    /// <summary>Asserts two columns hold the same values and nulls, row by row.</summary>
    public static void AssertSame(ParquetColumnData expected, ParquetColumnData actual, string name)
    {
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.NullCount, actual.NullCount);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected.GetValue(i);
            var a = actual.GetValue(i);
            if (e is byte[] eb)
            {
                Assert.True(a is byte[] ab && eb.AsSpan().SequenceEqual(ab), $"column {name} row {i}");
            }
            else if (!Equals(e, a))
            {
                Assert.Fail($"column {name} row {i}: expected {e}, got {a}");
            }
        }
    }
}
