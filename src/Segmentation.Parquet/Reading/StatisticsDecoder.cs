using System.Buffers.Binary;
using System.Text;
using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Format;
using Segmentation.Parquet.Schema;

namespace Segmentation.Parquet.Reading;

/// <summary>Turns footer statistics into typed values.</summary>
internal static class StatisticsDecoder
{
    /// <summary>Decodes min/max; the legacy min/max fields are used only for types whose legacy (signed) order is correct.</summary>
    public static ParquetColumnStatistics Decode(ColumnDescriptor column, Statistics stats)
    {
        var type = column.Field.Type;
        var legacyOrderIsSound = type is not (ParquetType.String or ParquetType.ByteArray) && column.Physical != PhysicalType.Int96;
        var min = stats.MinValue ?? (legacyOrderIsSound ? stats.Min : null);
        var max = stats.MaxValue ?? (legacyOrderIsSound ? stats.Max : null);
        return new ParquetColumnStatistics(stats.NullCount, stats.DistinctCount, Value(column, min), Value(column, max));
    }

    private static object? Value(ColumnDescriptor column, byte[]? bytes)
    {
        if (bytes is null || column.Physical == PhysicalType.Int96)
        {
            return null;
        }

        try
        {
            return column.Field.Type switch
            {
                ParquetType.Int32 when bytes.Length == 4 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
                ParquetType.Date when bytes.Length == 4 => ParquetTime.FromDays(BinaryPrimitives.ReadInt32LittleEndian(bytes)),
                ParquetType.Int64 when bytes.Length == 8 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
                ParquetType.TimestampMicros when bytes.Length == 8 =>
                    ParquetTime.FromMicros(checked(BinaryPrimitives.ReadInt64LittleEndian(bytes) * column.TimestampMultiplier) / column.TimestampDivisor),
                ParquetType.Double when bytes.Length == 8 => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
                ParquetType.Float when bytes.Length == 4 => BinaryPrimitives.ReadSingleLittleEndian(bytes),
                ParquetType.Boolean when bytes.Length == 1 => bytes[0] != 0,
                ParquetType.String => Encoding.UTF8.GetString(bytes),
                ParquetType.ByteArray => bytes,
                _ => null,
            };
        }
        catch (Exception e) when (e is ParquetException or OverflowException)
        {
            // An out-of-range bound is not worth failing the file over: report it as unknown.
            return null;
        }
    }
}
