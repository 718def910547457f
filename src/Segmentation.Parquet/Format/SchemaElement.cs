namespace Segmentation.Parquet.Format;

/// <summary>parquet.thrift SchemaElement, with the LogicalType union flattened to the parts this library uses.</summary>
internal sealed class SchemaElement
{
    public PhysicalType? Type { get; set; }

    public int? TypeLength { get; set; }

    public Repetition? RepetitionType { get; set; }

    public string Name { get; set; } = string.Empty;

    public int? NumChildren { get; set; }

    public ConvertedType? ConvertedType { get; set; }

    public LogicalTypeKind LogicalType { get; set; }

    public TimeUnit TimestampUnit { get; set; }

    public bool TimestampAdjustedToUtc { get; set; }

    public int IntegerBitWidth { get; set; }

    public bool IntegerSigned { get; set; } = true;
}
