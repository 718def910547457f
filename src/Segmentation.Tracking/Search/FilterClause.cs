namespace Segmentation.Tracking.Search;

/// <summary>One <c>identifier comparator value</c> term of a search filter (terms are joined by AND).</summary>
/// <param name="Entity">The identifier's kind.</param>
/// <param name="Key">The key after the prefix, unquoted (e.g. <c>mlflow.parentRunId</c>).</param>
/// <param name="Comparator">Upper-case comparator: = != &gt; &gt;= &lt; &lt;= LIKE ILIKE IN NOT IN.</param>
/// <param name="StringValue">The value when it was a quoted string.</param>
/// <param name="NumberValue">The value when it was a number.</param>
/// <param name="ListValue">The values of an IN / NOT IN list.</param>
public sealed record FilterClause(
    FilterEntity Entity,
    string Key,
    string Comparator,
    string? StringValue,
    double? NumberValue,
    IReadOnlyList<string>? ListValue)
{
    /// <summary>True for <c>&gt; &gt;= &lt; &lt;=</c>, which only numeric fields accept.</summary>
    public bool IsOrdering => Comparator is ">" or ">=" or "<" or "<=";
}
