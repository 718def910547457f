namespace Segmentation.Parquet.Encodings;

/// <summary>Turns the bytes of one BYTE_ARRAY value into the column's element type (string or byte[]).</summary>
internal delegate T ByteArrayConverter<T>(ReadOnlySpan<byte> bytes);
