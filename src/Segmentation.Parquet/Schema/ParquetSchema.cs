namespace Segmentation.Parquet.Schema;

/// <summary>A flat Parquet schema: an ordered list of uniquely named fields.</summary>
public sealed class ParquetSchema
{
    private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);

    /// <summary>Creates a schema from its fields, in column order.</summary>
    public ParquetSchema(IEnumerable<ParquetField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields.ToArray();
        if (Fields.Count == 0)
        {
            throw new ArgumentException("a schema needs at least one field", nameof(fields));
        }

        for (var i = 0; i < Fields.Count; i++)
        {
            var field = Fields[i] ?? throw new ArgumentException($"field {i} is null", nameof(fields));
            if (string.IsNullOrEmpty(field.Name))
            {
                throw new ArgumentException($"field {i} has an empty name", nameof(fields));
            }

            if (!Enum.IsDefined(field.Type))
            {
                throw new ArgumentException($"field '{field.Name}' has unknown type {field.Type}", nameof(fields));
            }

            if (!_indexByName.TryAdd(field.Name, i))
            {
                throw new ArgumentException($"field name '{field.Name}' appears twice", nameof(fields));
            }
        }
    }

    /// <summary>Creates a schema from its fields, in column order.</summary>
    public ParquetSchema(params ParquetField[] fields)
        : this((IEnumerable<ParquetField>)fields)
    {
    }

    /// <summary>The fields in column order.</summary>
    public IReadOnlyList<ParquetField> Fields { get; }

    /// <summary>Returns the index of the named field, or -1 when there is none.</summary>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var index) ? index : -1;

    /// <summary>Returns the named field; throws KeyNotFoundException naming the field when absent.</summary>
    public ParquetField this[string name] =>
        _indexByName.TryGetValue(name, out var index)
            ? Fields[index]
            : throw new KeyNotFoundException($"no column named '{name}' (columns: {string.Join(", ", Fields.Select(f => f.Name))})");
}
