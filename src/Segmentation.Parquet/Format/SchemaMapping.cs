using Segmentation.Parquet.Schema;

namespace Segmentation.Parquet.Format;

/// <summary>Maps between the public ParquetField and the footer's SchemaElement.</summary>
internal static class SchemaMapping
{
    /// <summary>The schema element the writer emits for a field.</summary>
    public static SchemaElement ToElement(ParquetField field)
    {
        var element = new SchemaElement
        {
            Name = field.Name,
            RepetitionType = field.Nullable ? Repetition.Optional : Repetition.Required,
            Type = PhysicalTypeOf(field.Type),
        };
        switch (field.Type)
        {
            case ParquetType.String:
                element.ConvertedType = ConvertedType.Utf8;
                element.LogicalType = LogicalTypeKind.String;
                break;
            case ParquetType.Date:
                element.ConvertedType = ConvertedType.Date;
                element.LogicalType = LogicalTypeKind.Date;
                break;
            case ParquetType.TimestampMicros:
                // No converted type: TIMESTAMP_MICROS would claim isAdjustedToUTC=true.
                element.LogicalType = LogicalTypeKind.Timestamp;
                element.TimestampUnit = TimeUnit.Micros;
                element.TimestampAdjustedToUtc = false;
                break;
            default:
                break;
        }

        return element;
    }

    /// <summary>The physical type that stores a ParquetType.</summary>
    public static PhysicalType PhysicalTypeOf(ParquetType type) => type switch
    {
        ParquetType.Int32 or ParquetType.Date => PhysicalType.Int32,
        ParquetType.Int64 or ParquetType.TimestampMicros => PhysicalType.Int64,
        ParquetType.Double => PhysicalType.Double,
        ParquetType.Float => PhysicalType.Float,
        ParquetType.Boolean => PhysicalType.Boolean,
        ParquetType.String or ParquetType.ByteArray => PhysicalType.ByteArray,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown ParquetType"),
    };

    /// <summary>The column descriptor for a leaf element read from a file; throws "unsupported: …" for types outside this library.</summary>
    public static ColumnDescriptor ToDescriptor(SchemaElement element, int columnIndex)
    {
        var where = $"column '{element.Name}' (column {columnIndex})";
        if (element.Type is not { } physical)
        {
            throw new ParquetException($"corrupt schema: {where} has no physical type");
        }

        if (element.RepetitionType == Repetition.Repeated)
        {
            throw new ParquetException($"unsupported: {where} is REPEATED; only flat schemas are supported");
        }

        var nullable = element.RepetitionType != Repetition.Required;
        var logical = element.LogicalType;
        var converted = element.ConvertedType;
        if (logical == LogicalTypeKind.Decimal || converted == ConvertedType.Decimal)
        {
            throw new ParquetException($"unsupported: {where} is DECIMAL");
        }

        ParquetType type;
        long timestampDivisor = 1, timestampMultiplier = 1;
        switch (physical)
        {
            case PhysicalType.Boolean:
                type = ParquetType.Boolean;
                break;
            case PhysicalType.Int32:
                if (logical == LogicalTypeKind.Date || converted == ConvertedType.Date)
                {
                    type = ParquetType.Date;
                }
                else if (logical == LogicalTypeKind.Time || converted is ConvertedType.TimeMillis)
                {
                    throw new ParquetException($"unsupported: {where} is TIME");
                }
                else if ((logical == LogicalTypeKind.Integer && !element.IntegerSigned && element.IntegerBitWidth == 32) || converted == ConvertedType.Uint32)
                {
                    throw new ParquetException($"unsupported: {where} is an unsigned 32-bit integer");
                }
                else
                {
                    type = ParquetType.Int32;
                }

                break;
            case PhysicalType.Int64:
                if (logical == LogicalTypeKind.Timestamp)
                {
                    type = ParquetType.TimestampMicros;
                    (timestampMultiplier, timestampDivisor) = element.TimestampUnit switch
                    {
                        TimeUnit.Millis => (1000L, 1L),
                        TimeUnit.Micros => (1L, 1L),
                        TimeUnit.Nanos => (1L, 1000L),
                        _ => throw new ParquetException($"corrupt schema: {where} is a TIMESTAMP without a unit"),
                    };
                }
                else if (converted is ConvertedType.TimestampMicros or ConvertedType.TimestampMillis)
                {
                    type = ParquetType.TimestampMicros;
                    timestampMultiplier = converted == ConvertedType.TimestampMillis ? 1000 : 1;
                }
                else if (logical == LogicalTypeKind.Time || converted is ConvertedType.TimeMicros)
                {
                    throw new ParquetException($"unsupported: {where} is TIME");
                }
                else if ((logical == LogicalTypeKind.Integer && !element.IntegerSigned) || converted == ConvertedType.Uint64)
                {
                    throw new ParquetException($"unsupported: {where} is an unsigned 64-bit integer");
                }
                else
                {
                    type = ParquetType.Int64;
                }

                break;
            case PhysicalType.Int96:
                type = ParquetType.TimestampMicros;
                break;
            case PhysicalType.Float:
                type = ParquetType.Float;
                break;
            case PhysicalType.Double:
                type = ParquetType.Double;
                break;
            case PhysicalType.ByteArray:
                type = logical is LogicalTypeKind.String or LogicalTypeKind.Enum or LogicalTypeKind.Json
                    || converted is ConvertedType.Utf8 or ConvertedType.Enum or ConvertedType.Json
                    ? ParquetType.String
                    : ParquetType.ByteArray;
                break;
            case PhysicalType.FixedLenByteArray:
                if (logical == LogicalTypeKind.Float16 || converted == ConvertedType.Interval)
                {
                    throw new ParquetException($"unsupported: {where} is a {(logical == LogicalTypeKind.Float16 ? "FLOAT16" : "INTERVAL")}");
                }

                if (element.TypeLength is not (> 0 and <= 1 << 20))
                {
                    throw new ParquetException($"corrupt schema: {where} is FIXED_LEN_BYTE_ARRAY with type_length {element.TypeLength}");
                }

                type = ParquetType.ByteArray;
                break;
            default:
                throw new ParquetException($"corrupt schema: {where} has unknown physical type {(int)physical}");
        }

        return new ColumnDescriptor(new ParquetField(element.Name, type, nullable), physical, element.TypeLength ?? 0, timestampMultiplier, timestampDivisor);
    }
}
