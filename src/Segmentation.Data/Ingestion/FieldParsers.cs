using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace Segmentation.Data.Ingestion;

/// <summary>Parses typed values straight from UTF-8 field bytes, without allocating a string per field.</summary>
public static class FieldParsers
{
    /// <summary>An integer such as <c>6</c> or <c>-12</c>; the whole field must be consumed.</summary>
    public static bool TryParseInt(ReadOnlySpan<byte> text, out int value) =>
        Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length && text.Length > 0;

    /// <summary>
    /// A customer id: digits, optionally followed by <c>.0</c> (spreadsheet exports write ids as floats).
    /// </summary>
    public static bool TryParseId(ReadOnlySpan<byte> text, out long value)
    {
        var dot = text.IndexOf((byte)'.');
        if (dot >= 0)
        {
            var fraction = text[(dot + 1)..];
            if (fraction.Length == 0 || fraction.ContainsAnyExcept((byte)'0'))
            {
                value = 0;
                return false;
            }

            text = text[..dot];
        }

        return Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length && text.Length > 0
            && value != TransactionTable.NoCustomer;
    }

    /// <summary>
    /// A decimal number with at most three decimals (more decimal digits are accepted only when they are zeros),
    /// as an exact count of thousandths: <c>2.55</c> → 2550. No exponent, no thousands separator.
    /// </summary>
    // Fully optimised from the first call: a one-shot run spends its time in these loops, and tier-0 code would
    // process much of the file before on-stack replacement catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PriceParseResult TryParsePriceMilli(ReadOnlySpan<byte> text, out long milli)
    {
        milli = 0;
        var i = 0;
        var negative = false;
        if (i < text.Length && (text[i] == (byte)'-' || text[i] == (byte)'+'))
        {
            negative = text[i] == (byte)'-';
            i++;
        }

        long whole = 0;
        var digits = 0;
        for (; i < text.Length && IsDigit(text[i]); i++, digits++)
        {
            if (whole > (long.MaxValue / 10_000))
            {
                return PriceParseResult.Invalid;
            }

            whole = (whole * 10) + (text[i] - '0');
        }

        long fraction = 0;
        var fractionDigits = 0;
        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            for (; i < text.Length && IsDigit(text[i]); i++, fractionDigits++)
            {
                if (fractionDigits < 3)
                {
                    fraction = (fraction * 10) + (text[i] - '0');
                }
                else if (text[i] != (byte)'0')
                {
                    return PriceParseResult.TooManyDecimals;
                }
            }
        }

        if (i != text.Length || digits + fractionDigits == 0)
        {
            return PriceParseResult.Invalid;
        }

        for (var d = Math.Min(fractionDigits, 3); d < 3; d++)
        {
            fraction *= 10;
        }

        milli = (whole * TransactionTable.PriceScale) + fraction;
        if (negative)
        {
            milli = -milli;
        }

        return PriceParseResult.Ok;
    }

    /// <summary>
    /// A timestamp: ISO 8601 <c>yyyy-MM-ddTHH:mm[:ss[.fff]]</c> (a space instead of <c>T</c> is accepted), or the
    /// US form <c>M/d/yyyy H:mm[:ss]</c> found in many copies of the UCI file. No offset: local time as written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, out DateTime value)
    {
        value = default;
        var p = 0;
        int year, month, day;
        if (text.Length >= 10 && text[4] == (byte)'-')
        {
            if (!Fixed(text, 0, 4, out year) || !Fixed(text, 5, 2, out month) || text[7] != (byte)'-' || !Fixed(text, 8, 2, out day))
            {
                return false;
            }

            p = 10;
        }
        else
        {
            if (!Variable(text, ref p, 2, out month) || !Expect(text, ref p, (byte)'/') || !Variable(text, ref p, 2, out day)
                || !Expect(text, ref p, (byte)'/') || !Variable(text, ref p, 4, out year))
            {
                return false;
            }
        }

        int hour = 0, minute = 0, second = 0;
        long fractionTicks = 0;
        if (p < text.Length)
        {
            if (text[p] != (byte)'T' && text[p] != (byte)' ')
            {
                return false;
            }

            p++;
            if (!Variable(text, ref p, 2, out hour) || !Expect(text, ref p, (byte)':') || !Variable(text, ref p, 2, out minute))
            {
                return false;
            }

            if (p < text.Length && text[p] == (byte)':')
            {
                p++;
                if (!Variable(text, ref p, 2, out second))
                {
                    return false;
                }

                if (p < text.Length && text[p] == (byte)'.')
                {
                    p++;
                    var scale = TimeSpan.TicksPerSecond / 10;
                    var start = p;
                    for (; p < text.Length && IsDigit(text[p]); p++)
                    {
                        fractionTicks += (text[p] - '0') * scale;
                        scale /= 10;
                    }

                    if (p == start)
                    {
                        return false;
                    }
                }
            }
        }

        if (p != text.Length || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month)
            || hour > 23 || minute > 59 || second > 59 || year > 9999)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool Fixed(ReadOnlySpan<byte> text, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            if (!IsDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }

    private static bool Variable(ReadOnlySpan<byte> text, ref int p, int maxDigits, out int value)
    {
        value = 0;
        var start = p;
        while (p < text.Length && p - start < maxDigits && IsDigit(text[p]))
        {
            value = (value * 10) + (text[p++] - '0');
        }

        return p > start;
    }

    private static bool Expect(ReadOnlySpan<byte> text, ref int p, byte expected)
    {
        if (p < text.Length && text[p] == expected)
        {
            p++;
            return true;
        }

        return false;
    }
}
