namespace Segmentation.Data.Versioning;

/// <summary>One column of a stored dataset: its name and type tag (<c>int64</c>, <c>double</c> or <c>decimal</c>).</summary>
public sealed record DatasetColumn(string Name, string Type);
