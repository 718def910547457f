namespace Segmentation.Parquet.Format;

/// <summary>parquet.thrift PageHeader with its DataPageHeader, DictionaryPageHeader and DataPageHeaderV2 flattened in.</summary>
internal sealed class PageHeader
{
    public PageType Type { get; set; }

    public int UncompressedPageSize { get; set; }

    public int CompressedPageSize { get; set; }

    public bool HasDataPageHeader { get; set; }

    public bool HasDictionaryPageHeader { get; set; }

    public bool HasDataPageHeaderV2 { get; set; }

    public int NumValues { get; set; }

    public ColumnEncoding Encoding { get; set; }

    public ColumnEncoding DefinitionLevelEncoding { get; set; }

    public ColumnEncoding RepetitionLevelEncoding { get; set; }

    public int NumNulls { get; set; }

    public int NumRows { get; set; }

    public int DefinitionLevelsByteLength { get; set; }

    public int RepetitionLevelsByteLength { get; set; }

    public bool IsCompressed { get; set; } = true;
}
