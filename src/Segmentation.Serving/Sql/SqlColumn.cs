namespace Segmentation.Serving.Sql;

/// <summary>One column of a segments table.</summary>
/// <param name="Name">Column name (lower-case, no quoting needed).</param>
/// <param name="Type">Portable type.</param>
/// <param name="Nullable">Whether NULL is allowed.</param>
public sealed record SqlColumn(string Name, SqlColumnType Type, bool Nullable = false);
