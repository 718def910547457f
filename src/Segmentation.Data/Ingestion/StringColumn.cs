namespace Segmentation.Data.Ingestion;

/// <summary>
/// A dictionary-encoded text column: one code per row into a shared list of distinct values; code −1 is a missing value.
/// </summary>
public sealed class StringColumn
{
    /// <summary>The code of a missing value.</summary>
    public const int Missing = -1;

    private readonly int[] _codes;

    /// <summary>Wraps row codes and the distinct values they index (not copied).</summary>
    public StringColumn(int[] codes, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(values);
        _codes = codes;
        Values = values;
    }

    /// <summary>One code per row: an index into <see cref="Values"/>, or <see cref="Missing"/>.</summary>
    public ReadOnlySpan<int> Codes => _codes;

    /// <summary>The distinct values (may include values no longer used after rows were filtered out).</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Number of rows.</summary>
    public int Count => _codes.Length;

    /// <summary>The value in a row, or null when missing.</summary>
    public string? this[int row] => _codes[row] == Missing ? null : Values[_codes[row]];

    /// <summary>The rows listed in <paramref name="rows"/>, sharing the distinct values.</summary>
    public StringColumn Select(ReadOnlySpan<int> rows)
    {
        var codes = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            codes[i] = _codes[rows[i]];
        }

        return new StringColumn(codes, Values);
    }
}
