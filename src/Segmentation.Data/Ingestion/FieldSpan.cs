namespace Segmentation.Data.Ingestion;

/// <summary>Where one field's bytes are in a record buffer; <see cref="Escaped"/> when it holds doubled quotes.</summary>
internal readonly record struct FieldSpan(int Start, int Length, bool Escaped);
