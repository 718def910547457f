using System.Collections;
using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Schema;

namespace Segmentation.Parquet.Reading;

/// <summary>The columns read from one row group, in the order requested.</summary>
public sealed class ParquetRowGroup : IReadOnlyList<ParquetColumnData>
{
    private readonly ParquetColumnData[] _columns;

    internal ParquetRowGroup(int index, long rowCount, IReadOnlyList<ParquetField> fields, ParquetColumnData[] columns)
    {
        Index = index;
        RowCount = rowCount;
        Fields = fields;
        _columns = columns;
    }

    /// <summary>The row group's index in the file.</summary>
    public int Index { get; }

    /// <summary>Number of rows.</summary>
    public long RowCount { get; }

    /// <summary>The fields of the columns read, parallel to the columns.</summary>
    public IReadOnlyList<ParquetField> Fields { get; }

    /// <inheritdoc />
    public int Count => _columns.Length;

    /// <inheritdoc />
    public ParquetColumnData this[int index] => _columns[index];

    /// <summary>The named column; throws KeyNotFoundException naming the columns present.</summary>
    public ParquetColumnData this[string name]
    {
        get
        {
            for (var i = 0; i < Fields.Count; i++)
            {
                if (Fields[i].Name == name)
                {
                    return _columns[i];
                }
            }

            throw new KeyNotFoundException($"column '{name}' was not read (columns: {string.Join(", ", Fields.Select(f => f.Name))})");
        }
    }

    /// <inheritdoc />
    public IEnumerator<ParquetColumnData> GetEnumerator() => ((IEnumerable<ParquetColumnData>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
