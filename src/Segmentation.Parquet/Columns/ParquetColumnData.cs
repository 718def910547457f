using Segmentation.Parquet.Schema;

namespace Segmentation.Parquet.Columns;

/// <summary>The values of one column for one row group, held as a typed array plus an optional null mask.</summary>
/// <remarks>
/// Timestamps are held as microseconds since 1970 and dates as days since 1970; the accessors convert.
/// Positions that are null hold the type's default value in columns read from a file (and whatever the caller passed otherwise).
/// </remarks>
public sealed partial class ParquetColumnData
{
    private readonly Array _values;
    private readonly bool[]? _isNull;

    private ParquetColumnData(ParquetType type, Array values, bool[]? isNull)
    {
        if (isNull is not null && isNull.Length != values.Length)
        {
            throw new ArgumentException($"the null mask has {isNull.Length} entries but there are {values.Length} values", nameof(isNull));
        }

        Type = type;
        _values = values;
        _isNull = isNull;
        NullCount = isNull is null ? 0 : CountTrue(isNull);
    }

    /// <summary>The column's type.</summary>
    public ParquetType Type { get; }

    /// <summary>Number of rows, nulls included.</summary>
    public int Count => _values.Length;

    /// <summary>Number of null rows.</summary>
    public int NullCount { get; }

    /// <summary>The null mask (true = null), or null when no row is null.</summary>
    public bool[]? NullMask => NullCount == 0 ? null : _isNull;

    /// <summary>The typed backing array (int[], long[], double[], float[], bool[], string?[] or byte[]?[]).</summary>
    internal Array RawValues => _values;

    /// <summary>Whether the given row is null.</summary>
    public bool IsNull(int row) => _isNull is not null && _isNull[row];

    /// <summary>The Int32 values (the backing array, not a copy).</summary>
    public int[] AsInt32() => Get<int[]>(ParquetType.Int32);

    /// <summary>The Int64 values (the backing array, not a copy).</summary>
    public long[] AsInt64() => Get<long[]>(ParquetType.Int64);

    /// <summary>The Double values (the backing array, not a copy).</summary>
    public double[] AsDouble() => Get<double[]>(ParquetType.Double);

    /// <summary>The Float values (the backing array, not a copy).</summary>
    public float[] AsFloat() => Get<float[]>(ParquetType.Float);

    /// <summary>The Boolean values (the backing array, not a copy).</summary>
    public bool[] AsBoolean() => Get<bool[]>(ParquetType.Boolean);

    /// <summary>The String values, null where the row is null (the backing array, not a copy).</summary>
    public string?[] AsStrings() => Get<string?[]>(ParquetType.String);

    /// <summary>The ByteArray values, null where the row is null (the backing array, not a copy).</summary>
    public byte[]?[] AsByteArrays() => Get<byte[]?[]>(ParquetType.ByteArray);

    /// <summary>The timestamps as microseconds since 1970-01-01 (the backing array, not a copy).</summary>
    public long[] AsTimestampMicros() => Get<long[]>(ParquetType.TimestampMicros);

    /// <summary>The timestamps as unspecified-kind DateTime values (a new array; default where null).</summary>
    public DateTime[] AsTimestamps()
    {
        var micros = AsTimestampMicros();
        var result = new DateTime[micros.Length];
        for (var i = 0; i < micros.Length; i++)
        {
            if (!IsNull(i))
            {
                result[i] = ParquetTime.FromMicros(micros[i]);
            }
        }

        return result;
    }

    /// <summary>The dates as days since 1970-01-01 (the backing array, not a copy).</summary>
    public int[] AsDateDays() => Get<int[]>(ParquetType.Date);

    /// <summary>The dates (a new array; default where null).</summary>
    public DateOnly[] AsDates()
    {
        var days = AsDateDays();
        var result = new DateOnly[days.Length];
        for (var i = 0; i < days.Length; i++)
        {
            if (!IsNull(i))
            {
                result[i] = ParquetTime.FromDays(days[i]);
            }
        }

        return result;
    }

    /// <summary>One value boxed (null when the row is null): int, long, double, float, bool, string, byte[], DateTime or DateOnly.</summary>
    public object? GetValue(int row)
    {
        if ((uint)row >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in [0, {Count})");
        }

        if (IsNull(row))
        {
            return null;
        }

        return Type switch
        {
            ParquetType.TimestampMicros => ParquetTime.FromMicros(((long[])_values)[row]),
            ParquetType.Date => ParquetTime.FromDays(((int[])_values)[row]),
            _ => _values.GetValue(row),
        };
    }

    /// <summary>A copy of rows [start, start + length).</summary>
    public ParquetColumnData Slice(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (start + length > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"rows [{start}, {start + length}) exceed the column's {Count} rows");
        }

        var values = Array.CreateInstance(_values.GetType().GetElementType()!, length);
        Array.Copy(_values, start, values, 0, length);
        bool[]? isNull = null;
        if (_isNull is not null)
        {
            isNull = new bool[length];
            Array.Copy(_isNull, start, isNull, 0, length);
        }

        return new ParquetColumnData(Type, values, isNull);
    }

    private T Get<T>(ParquetType expected)
        where T : class
    {
        if (Type != expected)
        {
            throw new InvalidOperationException($"the column holds {Type} values, not {expected}");
        }

        return (T)(object)_values;
    }

    private static int CountTrue(bool[] flags)
    {
        var count = 0;
        foreach (var flag in flags)
        {
            if (flag)
            {
                count++;
            }
        }

        return count;
    }
}
