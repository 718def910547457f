namespace Segmentation.Parquet.Columns;

/// <summary>Conversions between .NET dates and times and their Parquet integer encodings.</summary>
public static class ParquetTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>Microseconds since 1970-01-01 00:00:00 (wall clock, kind ignored), rounding sub-microsecond ticks toward minus infinity.</summary>
    public static long ToMicros(DateTime value)
    {
        var ticks = value.Ticks - EpochTicks;
        var micros = ticks / TicksPerMicrosecond;
        return ticks % TicksPerMicrosecond < 0 ? micros - 1 : micros;
    }

    /// <summary>The unspecified-kind DateTime for microseconds since 1970-01-01; throws ParquetException when out of DateTime's range.</summary>
    public static DateTime FromMicros(long micros)
    {
        var maxMicros = (DateTime.MaxValue.Ticks - EpochTicks) / TicksPerMicrosecond;
        var minMicros = (DateTime.MinValue.Ticks - EpochTicks) / TicksPerMicrosecond;
        if (micros < minMicros || micros > maxMicros)
        {
            throw new ParquetException($"timestamp of {micros} microseconds since 1970 is outside the range of DateTime");
        }

        return new DateTime(EpochTicks + (micros * TicksPerMicrosecond), DateTimeKind.Unspecified);
    }

    /// <summary>Days since 1970-01-01.</summary>
    public static int ToDays(DateOnly value) => value.DayNumber - EpochDayNumber;

    /// <summary>The date for days since 1970-01-01; throws ParquetException when out of DateOnly's range.</summary>
    public static DateOnly FromDays(int days)
    {
        var dayNumber = (long)days + EpochDayNumber;
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            throw new ParquetException($"date of {days} days since 1970 is outside the range of DateOnly");
        }

        return DateOnly.FromDayNumber((int)dayNumber);
    }
}
