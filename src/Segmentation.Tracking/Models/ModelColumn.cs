namespace Segmentation.Tracking.Models;

/// <summary>One column of an MLmodel signature (MLflow's ColSpec): its name, type (<c>double</c>, <c>long</c>…) and whether it is required.</summary>
public sealed record ModelColumn(string Name, string Type, bool Required);
