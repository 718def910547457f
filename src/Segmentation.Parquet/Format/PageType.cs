namespace Segmentation.Parquet.Format;

/// <summary>parquet.thrift PageType.</summary>
internal enum PageType
{
    DataPage = 0,
    IndexPage = 1,
    DictionaryPage = 2,
    DataPageV2 = 3,
}
