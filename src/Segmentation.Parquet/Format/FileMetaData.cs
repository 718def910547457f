namespace Segmentation.Parquet.Format;

/// <summary>parquet.thrift FileMetaData.</summary>
internal sealed class FileMetaData
{
    public int Version { get; set; }

    public List<SchemaElement> Schema { get; } = [];

    public long NumRows { get; set; }

    public List<RowGroup> RowGroups { get; } = [];

    public List<KeyValuePair<string, string?>> KeyValueMetadata { get; } = [];

    public string? CreatedBy { get; set; }

    public int ColumnOrderCount { get; set; }
}
