using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Format;
using Segmentation.Parquet.Schema;
using Segmentation.Parquet.Thrift;

namespace Segmentation.Parquet.Writing;

/// <summary>Writes a flat Parquet file one row group at a time; each row group goes to the stream as soon as it is written and Dispose writes the footer.</summary>
public sealed class ParquetWriter : IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly Stream _stream;
    private readonly TrackedOutput _output;
    private readonly ParquetWriterOptions _options;
    private readonly bool _leaveOpen;
    private readonly FileMetaData _meta = new() { Version = 1 };
    private bool _closed;

    /// <summary>Starts a file on a writable stream (seeking is not needed); the magic bytes are written at once.</summary>
    public ParquetWriter(Stream output, ParquetSchema schema, ParquetWriterOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(schema);
        if (!output.CanWrite)
        {
            throw new ArgumentException("the output stream is not writable", nameof(output));
        }

        _options = options ?? new ParquetWriterOptions();
        _options.Validate();
        _stream = output;
        _leaveOpen = leaveOpen;
        Schema = schema;
        _output = new TrackedOutput(output);
        _meta.Schema.Add(new SchemaElement { Name = "schema", NumChildren = schema.Fields.Count });
        foreach (var field in schema.Fields)
        {
            _meta.Schema.Add(SchemaMapping.ToElement(field));
        }

        _meta.ColumnOrderCount = schema.Fields.Count;
        _meta.CreatedBy = _options.CreatedBy;
        if (_options.KeyValueMetadata is { } keyValues)
        {
            foreach (var (key, value) in keyValues.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                _meta.KeyValueMetadata.Add(new KeyValuePair<string, string?>(key, value));
            }
        }

        _output.Write(Magic);
    }

    /// <summary>The schema being written.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>Number of row groups written so far.</summary>
    public int RowGroupCount => _meta.RowGroups.Count;

    /// <summary>Writes one row group: one column per schema field, in schema order, all of the same length.</summary>
    public void WriteRowGroup(IReadOnlyList<ParquetColumnData> columns)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        var rows = CheckColumns(columns);
        var group = new RowGroup { NumRows = rows, FileOffset = _output.Position, Ordinal = (short)Math.Min(_meta.RowGroups.Count, short.MaxValue) };
        var start = _output.Position;
        for (var i = 0; i < columns.Count; i++)
        {
            var chunk = ColumnChunkWriter.Write(_output, Schema.Fields[i], columns[i], _options);
            group.Columns.Add(chunk);
            group.TotalByteSize += chunk.TotalUncompressedSize;
        }

        group.TotalCompressedSize = _output.Position - start;
        _meta.RowGroups.Add(group);
        _meta.NumRows += rows;
        _output.Flush();
    }

    /// <summary>Writes a whole table as row groups of at most RowGroupSize rows.</summary>
    public void WriteTable(IReadOnlyList<ParquetColumnData> columns)
    {
        var rows = CheckColumns(columns);
        if (rows <= _options.RowGroupSize)
        {
            WriteRowGroup(columns);
            return;
        }

        for (var start = 0; start < rows; start += _options.RowGroupSize)
        {
            var count = Math.Min(_options.RowGroupSize, rows - start);
            WriteRowGroup(columns.Select(c => c.Slice(start, count)).ToArray());
        }
    }

    /// <summary>Writes the footer; the file is complete afterwards. Idempotent.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        var footer = new CompactWriter();
        MetadataWriter.WriteFileMetaData(footer, _meta);
        _output.Write(footer.WrittenSpan);
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, footer.Length);
        _output.Write(length);
        _output.Write(Magic);
        _output.Flush();
    }

    /// <summary>Writes the footer (see Close) and disposes the stream unless leaveOpen was set.</summary>
    public void Dispose()
    {
        try
        {
            Close();
        }
        finally
        {
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private int CheckColumns(IReadOnlyList<ParquetColumnData> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != Schema.Fields.Count)
        {
            throw new ArgumentException($"got {columns.Count} columns but the schema has {Schema.Fields.Count}", nameof(columns));
        }

        var rows = -1;
        for (var i = 0; i < columns.Count; i++)
        {
            var field = Schema.Fields[i];
            var column = columns[i] ?? throw new ArgumentException($"column {i} ('{field.Name}') is null", nameof(columns));
            if (column.Type != field.Type)
            {
                throw new ArgumentException($"column {i} ('{field.Name}') holds {column.Type} values but the schema says {field.Type}", nameof(columns));
            }

            if (!field.Nullable && column.NullCount > 0)
            {
                throw new ArgumentException($"column {i} ('{field.Name}') is required but has {column.NullCount} nulls", nameof(columns));
            }

            if (rows >= 0 && column.Count != rows)
            {
                throw new ArgumentException($"column {i} ('{field.Name}') has {column.Count} rows but column 0 has {rows}", nameof(columns));
            }

            rows = column.Count;
        }

        return rows;
    }
}
