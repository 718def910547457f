namespace Segmentation.Parquet.Format;

/// <summary>parquet.thrift ColumnChunk merged with its ColumnMetaData (this library never writes or reads external chunks).</summary>
internal sealed class ColumnChunk
{
    public string? FilePath { get; set; }

    public long FileOffset { get; set; }

    public bool HasMetaData { get; set; }

    public PhysicalType Type { get; set; }

    public List<ColumnEncoding> Encodings { get; } = [];

    public List<string> PathInSchema { get; } = [];

    public CompressionCodec Codec { get; set; }

    public long NumValues { get; set; }

    public long TotalUncompressedSize { get; set; }

    public long TotalCompressedSize { get; set; }

    public long DataPageOffset { get; set; }

    public long? DictionaryPageOffset { get; set; }

    public Statistics? Statistics { get; set; }
}
