using Segmentation.Parquet.Schema;

namespace Segmentation.Parquet.Format;

/// <summary>How one leaf column is stored: its public field, its physical type, and the conversion to microseconds for timestamps.</summary>
/// <param name="Field">The public field.</param>
/// <param name="Physical">The physical type in the file.</param>
/// <param name="TypeLength">The width of a FIXED_LEN_BYTE_ARRAY, else 0.</param>
/// <param name="TimestampMultiplier">Factor that turns stored timestamp units into microseconds (1000 for millis).</param>
/// <param name="TimestampDivisor">Divisor that turns stored timestamp units into microseconds (1000 for nanos).</param>
internal sealed record ColumnDescriptor(ParquetField Field, PhysicalType Physical, int TypeLength, long TimestampMultiplier, long TimestampDivisor);
