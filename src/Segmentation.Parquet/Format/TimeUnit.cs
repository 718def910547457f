namespace Segmentation.Parquet.Format;

/// <summary>The member of the parquet.thrift TimeUnit union, by its field id.</summary>
internal enum TimeUnit
{
    None = 0,
    Millis = 1,
    Micros = 2,
    Nanos = 3,
}
