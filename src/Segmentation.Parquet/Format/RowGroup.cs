namespace Segmentation.Parquet.Format;

/// <summary>parquet.thrift RowGroup.</summary>
internal sealed class RowGroup
{
    public List<ColumnChunk> Columns { get; } = [];

    public long TotalByteSize { get; set; }

    public long NumRows { get; set; }

    public long? FileOffset { get; set; }

    public long? TotalCompressedSize { get; set; }

    public short? Ordinal { get; set; }
}
