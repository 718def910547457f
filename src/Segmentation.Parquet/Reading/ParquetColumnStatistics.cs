namespace Segmentation.Parquet.Reading;

/// <summary>Column chunk statistics from the footer.</summary>
/// <param name="NullCount">Number of nulls, when the writer recorded it.</param>
/// <param name="DistinctCount">Number of distinct values, when the writer recorded it.</param>
/// <param name="Min">Smallest value in the column's sort order (int, long, double, float, bool, string, byte[], DateTime or DateOnly), or null when unknown.</param>
/// <param name="Max">Largest value in the column's sort order, or null when unknown.</param>
public sealed record ParquetColumnStatistics(long? NullCount, long? DistinctCount, object? Min, object? Max);
