namespace Segmentation.Parquet.Format;

/// <summary>parquet.thrift Statistics.</summary>
internal sealed class Statistics
{
    public byte[]? Max { get; set; }

    public byte[]? Min { get; set; }

    public long? NullCount { get; set; }

    public long? DistinctCount { get; set; }

    public byte[]? MaxValue { get; set; }

    public byte[]? MinValue { get; set; }
}
