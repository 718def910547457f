namespace Segmentation.Data.Versioning;

/// <summary>Summary of one stored column, kept in the manifest (and logged to MLflow as the dataset profile).</summary>
public sealed record ColumnProfile(string Name, string Type, long Count, long NullCount, double? Mean, double? Std, double? Min, double? Median, double? Max);
