using System.Globalization;
using System.Text.Json;
using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Schema;

namespace Segmentation.Parquet.Tests.DuckDb;

/// <summary>A table as the conformance scripts print it: DESCRIBE types and every value as a string.</summary>
internal sealed record DuckDbTable(IReadOnlyList<(string Name, string Type)> Columns, IReadOnlyList<string?[]> Rows, IReadOnlyList<string?[]> Statistics)
{
    public static DuckDbTable Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Parse(document.RootElement);
    }

    public static DuckDbTable[] ParseMany(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(Parse).ToArray();
    }

    /// <summary>Whether DuckDB's type name is one our type reads or writes as (timestamps of every unit read as microseconds).</summary>
    public static bool Matches(ParquetType type, string duckDbType) =>
        type == ParquetType.TimestampMicros ? duckDbType is "TIMESTAMP" or "TIMESTAMP_MS" or "TIMESTAMP_NS" or "TIMESTAMP WITH TIME ZONE" : DuckDbTypeOf(type) == duckDbType;

    private static DuckDbTable Parse(JsonElement root)
    {
        var columns = root.GetProperty("columns").EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("type").GetString()!))
            .ToArray();
        var rows = root.GetProperty("rows").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToArray())
            .ToArray();
        var statistics = root.TryGetProperty("stats", out var stats)
            ? stats.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToArray()).ToArray()
            : [];
        return new DuckDbTable(columns, rows, statistics);
    }

    /// <summary>DuckDB's type name for each of our types.</summary>
    public static string DuckDbTypeOf(ParquetType type) => type switch
    {
        ParquetType.Int32 => "INTEGER",
        ParquetType.Int64 => "BIGINT",
        ParquetType.Double => "DOUBLE",
        ParquetType.Float => "FLOAT",
        ParquetType.Boolean => "BOOLEAN",
        ParquetType.String => "VARCHAR",
        ParquetType.TimestampMicros => "TIMESTAMP",
        ParquetType.Date => "DATE",
        ParquetType.ByteArray => "BLOB",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Asserts that rows [offset, offset + column.Count) of the named DuckDB column equal our column, value by value.</summary>
    public void AssertColumnEquals(string name, ParquetColumnData column, int offset)
    {
        var c = Columns.ToList().FindIndex(x => x.Name == name);
        Assert.True(c >= 0, $"DuckDB has no column '{name}'");
        for (var i = 0; i < column.Count; i++)
        {
            var expected = Rows[offset + i][c];
            var where = $"column '{name}' row {offset + i}";
            if (expected is null)
            {
                Assert.True(column.IsNull(i), $"{where}: DuckDB has NULL, we have {column.GetValue(i)}");
                continue;
            }

            Assert.False(column.IsNull(i), $"{where}: DuckDB has {expected}, we have NULL");
            var equal = column.Type switch
            {
                ParquetType.Int32 => column.AsInt32()[i] == long.Parse(expected, CultureInfo.InvariantCulture),
                ParquetType.Date => column.AsDateDays()[i] == long.Parse(expected, CultureInfo.InvariantCulture),
                ParquetType.Int64 => column.AsInt64()[i] == long.Parse(expected, CultureInfo.InvariantCulture),
                ParquetType.TimestampMicros => column.AsTimestampMicros()[i] == long.Parse(expected, CultureInfo.InvariantCulture),
                ParquetType.Double => column.AsDouble()[i].Equals(ParseDouble(expected)),
                ParquetType.Float => ((double)column.AsFloat()[i]).Equals(ParseDouble(expected)),
                ParquetType.Boolean => column.AsBoolean()[i] == bool.Parse(expected),
                ParquetType.String => column.AsStrings()[i] == expected,
                ParquetType.ByteArray => Convert.ToHexString(column.AsByteArrays()[i]!) == expected,
                _ => false,
            };
            Assert.True(equal, $"{where}: DuckDB has {expected}, we have {column.GetValue(i)}");
        }
    }

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
