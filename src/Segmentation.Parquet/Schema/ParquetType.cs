namespace Segmentation.Parquet.Schema;

/// <summary>The column types this library reads and writes, each mapped to one Parquet physical and logical type.</summary>
public enum ParquetType
{
    /// <summary>INT32, no annotation.</summary>
    Int32,

    /// <summary>INT64, no annotation.</summary>
    Int64,

    /// <summary>DOUBLE.</summary>
    Double,

    /// <summary>FLOAT.</summary>
    Float,

    /// <summary>BOOLEAN.</summary>
    Boolean,

    /// <summary>BYTE_ARRAY with the STRING logical type (UTF-8).</summary>
    String,

    /// <summary>INT64 with TIMESTAMP(MICROS, isAdjustedToUTC=false); INT96 and other units are converted to it on read.</summary>
    TimestampMicros,

    /// <summary>INT32 with the DATE logical type (days since 1970-01-01).</summary>
    Date,

    /// <summary>BYTE_ARRAY with no annotation.</summary>
    ByteArray,
}
