namespace Segmentation.Parquet.Schema;

/// <summary>One flat column of a Parquet schema.</summary>
/// <param name="Name">Column name, unique within the schema.</param>
/// <param name="Type">Column type.</param>
/// <param name="Nullable">True for an OPTIONAL column, false for REQUIRED.</param>
public sealed record ParquetField(string Name, ParquetType Type, bool Nullable);
