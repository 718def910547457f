namespace Segmentation.Parquet.Reading;

/// <summary>Footer facts about one column chunk.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Codec">Compression codec name as in the specification (e.g. SNAPPY).</param>
/// <param name="Encodings">Encodings used in the chunk, as named in the specification (e.g. RLE_DICTIONARY).</param>
/// <param name="CompressedSize">Bytes the chunk takes in the file.</param>
/// <param name="UncompressedSize">Bytes of the chunk's pages before compression.</param>
/// <param name="Statistics">Min, max and null count, when recorded.</param>
public sealed record ParquetColumnChunkInfo(
    string Name,
    string Codec,
    IReadOnlyList<string> Encodings,
    long CompressedSize,
    long UncompressedSize,
    ParquetColumnStatistics? Statistics);
