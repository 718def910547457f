using Segmentation.Parquet.Schema;

namespace Segmentation.Parquet.Columns;

/// <summary>Factory methods, one per type.</summary>
public sealed partial class ParquetColumnData
{
    /// <summary>An Int32 column; isNull marks null rows (true = null).</summary>
    public static ParquetColumnData FromInt32(int[] values, bool[]? isNull = null) => Create(ParquetType.Int32, values, isNull);

    /// <summary>An Int64 column; isNull marks null rows (true = null).</summary>
    public static ParquetColumnData FromInt64(long[] values, bool[]? isNull = null) => Create(ParquetType.Int64, values, isNull);

    /// <summary>A Double column; isNull marks null rows (true = null).</summary>
    public static ParquetColumnData FromDouble(double[] values, bool[]? isNull = null) => Create(ParquetType.Double, values, isNull);

    /// <summary>A Float column; isNull marks null rows (true = null).</summary>
    public static ParquetColumnData FromFloat(float[] values, bool[]? isNull = null) => Create(ParquetType.Float, values, isNull);

    /// <summary>A Boolean column; isNull marks null rows (true = null).</summary>
    public static ParquetColumnData FromBoolean(bool[] values, bool[]? isNull = null) => Create(ParquetType.Boolean, values, isNull);

    /// <summary>A String column; null entries are null rows.</summary>
    public static ParquetColumnData FromString(string?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new ParquetColumnData(ParquetType.String, values, MaskOfNulls(values));
    }

    /// <summary>A ByteArray column; null entries are null rows.</summary>
    public static ParquetColumnData FromByteArray(byte[]?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new ParquetColumnData(ParquetType.ByteArray, values, MaskOfNulls(values));
    }

    /// <summary>A timestamp column from microseconds since 1970-01-01; isNull marks null rows.</summary>
    public static ParquetColumnData FromTimestampMicros(long[] micros, bool[]? isNull = null) => Create(ParquetType.TimestampMicros, micros, isNull);

    /// <summary>A timestamp column (wall-clock values, kind ignored, truncated to microseconds); isNull marks null rows.</summary>
    public static ParquetColumnData FromTimestamp(DateTime[] values, bool[]? isNull = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var micros = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            micros[i] = ParquetTime.ToMicros(values[i]);
        }

        return Create(ParquetType.TimestampMicros, micros, isNull);
    }

    /// <summary>A timestamp column where null entries are null rows.</summary>
    public static ParquetColumnData FromTimestamp(DateTime?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var micros = new long[values.Length];
        var isNull = new bool[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value)
            {
                micros[i] = ParquetTime.ToMicros(value);
            }
            else
            {
                isNull[i] = true;
            }
        }

        return Create(ParquetType.TimestampMicros, micros, isNull);
    }

    /// <summary>A date column; isNull marks null rows.</summary>
    public static ParquetColumnData FromDate(DateOnly[] values, bool[]? isNull = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var days = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            days[i] = ParquetTime.ToDays(values[i]);
        }

        return Create(ParquetType.Date, days, isNull);
    }

    /// <summary>A date column where null entries are null rows.</summary>
    public static ParquetColumnData FromDate(DateOnly?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var days = new int[values.Length];
        var isNull = new bool[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value)
            {
                days[i] = ParquetTime.ToDays(value);
            }
            else
            {
                isNull[i] = true;
            }
        }

        return Create(ParquetType.Date, days, isNull);
    }

    /// <summary>A date column from days since 1970-01-01; isNull marks null rows.</summary>
    public static ParquetColumnData FromDateDays(int[] days, bool[]? isNull = null) => Create(ParquetType.Date, days, isNull);

    /// <summary>Wraps already-typed arrays produced by the reader, without validation or copies.</summary>
    internal static ParquetColumnData FromRaw(ParquetType type, Array values, bool[]? isNull) => new(type, values, isNull);

    private static ParquetColumnData Create(ParquetType type, Array values, bool[]? isNull)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new ParquetColumnData(type, values, isNull);
    }

    private static bool[]? MaskOfNulls<T>(T?[] values)
        where T : class
    {
        bool[]? mask = null;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                mask ??= new bool[values.Length];
                mask[i] = true;
            }
        }

        return mask;
    }
}
