namespace Segmentation.Parquet.Writing;

/// <summary>Page compression codecs the writer can produce.</summary>
public enum ParquetCompression
{
    /// <summary>UNCOMPRESSED.</summary>
    None,

    /// <summary>SNAPPY.</summary>
    Snappy,

    /// <summary>GZIP.</summary>
    Gzip,
}
