using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Format;
using Segmentation.Parquet.Schema;

namespace Segmentation.Parquet.Reading;

/// <summary>Footer validation and per-column reading with located errors.</summary>
public sealed partial class ParquetReader
{
    private static ColumnDescriptor[] CheckMetadata(FileMetaData meta, long footerStart)
    {
        var schema = meta.Schema;
        if (schema.Count < 2)
        {
            throw new ParquetException("corrupt footer: the schema has no columns");
        }

        var root = schema[0];
        if (root.NumChildren != schema.Count - 1)
        {
            if (schema.Skip(1).Any(e => e.NumChildren > 0))
            {
                throw new ParquetException("unsupported: nested schema (groups inside the root); only flat schemas are supported");
            }

            throw new ParquetException($"corrupt footer: the schema root declares {root.NumChildren} children but {schema.Count - 1} elements follow");
        }

        var columns = new ColumnDescriptor[schema.Count - 1];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < schema.Count; i++)
        {
            var element = schema[i];
            if (element.NumChildren > 0)
            {
                throw new ParquetException($"unsupported: nested schema (column '{element.Name}' is a group); only flat schemas are supported");
            }

            if (!names.Add(element.Name) || element.Name.Length == 0)
            {
                throw new ParquetException($"corrupt schema: column name '{element.Name}' is empty or appears twice");
            }

            columns[i - 1] = SchemaMapping.ToDescriptor(element, i - 1);
        }

        long totalRows = 0;
        for (var g = 0; g < meta.RowGroups.Count; g++)
        {
            var group = meta.RowGroups[g];
            if (group.NumRows < 0 || group.NumRows > int.MaxValue)
            {
                throw new ParquetException($"row group {g}: row count {group.NumRows} is outside [0, {int.MaxValue}]");
            }

            totalRows += group.NumRows;
            if (group.Columns.Count != columns.Length)
            {
                throw new ParquetException($"row group {g}: has {group.Columns.Count} column chunks but the schema has {columns.Length} columns");
            }

            for (var c = 0; c < columns.Length; c++)
            {
                CheckChunk(group.Columns[c], columns[c], g, group.NumRows, footerStart);
            }
        }

        return columns;
    }

    private static void CheckChunk(ColumnChunk chunk, ColumnDescriptor column, int group, long rows, long footerStart)
    {
        var where = $"row group {group}, column '{column.Field.Name}'";
        if (chunk.FilePath is not null)
        {
            throw new ParquetException($"unsupported: {where} lives in another file ('{chunk.FilePath}')");
        }

        if (!chunk.HasMetaData)
        {
            throw new ParquetException($"corrupt footer: {where} has no column metadata");
        }

        if (chunk.Type != column.Physical)
        {
            throw new ParquetException($"corrupt footer: {where} is stored as {chunk.Type} but the schema says {column.Physical}");
        }

        if (chunk.NumValues != rows)
        {
            throw new ParquetException($"corrupt footer: {where} holds {chunk.NumValues} values but the row group has {rows} rows");
        }

        var start = ChunkStart(chunk);
        if (start < 4 || chunk.TotalCompressedSize < 0 || start + chunk.TotalCompressedSize > footerStart)
        {
            throw new ParquetException($"corrupt footer: {where} spans bytes [{start}, {start + chunk.TotalCompressedSize}) which is outside the data region [4, {footerStart})");
        }
    }

    private static long ChunkStart(ColumnChunk chunk) =>
        chunk.DictionaryPageOffset is { } dictionary && dictionary > 0 && dictionary < chunk.DataPageOffset ? dictionary : chunk.DataPageOffset;

    private ParquetColumnData ReadColumn(int groupIndex, RowGroup group, int columnIndex)
    {
        var chunk = group.Columns[columnIndex];
        var column = _columns[columnIndex];
        var start = ChunkStart(chunk);
        var where = $"{(_path is null ? string.Empty : _path + ": ")}row group {groupIndex}, column '{column.Field.Name}'";
        var buffer = ReadAt(_stream, start, (int)Math.Min(chunk.TotalCompressedSize, _footerStart - start));
        var rows = (int)group.NumRows;
        long pageOffset = start;
        try
        {
            switch (column.Field.Type)
            {
                case ParquetType.Int32 or ParquetType.Date:
                    return Run(new ColumnChunkReader<int>(column, chunk, buffer, start, rows), ref pageOffset);
                case ParquetType.Int64 or ParquetType.TimestampMicros:
                    return Run(new ColumnChunkReader<long>(column, chunk, buffer, start, rows), ref pageOffset);
                case ParquetType.Double:
                    return Run(new ColumnChunkReader<double>(column, chunk, buffer, start, rows), ref pageOffset);
                case ParquetType.Float:
                    return Run(new ColumnChunkReader<float>(column, chunk, buffer, start, rows), ref pageOffset);
                case ParquetType.Boolean:
                    return Run(new ColumnChunkReader<bool>(column, chunk, buffer, start, rows), ref pageOffset);
                case ParquetType.String:
                    return Run(new ColumnChunkReader<string?>(column, chunk, buffer, start, rows), ref pageOffset);
                default:
                    return Run(new ColumnChunkReader<byte[]?>(column, chunk, buffer, start, rows), ref pageOffset);
            }
        }
        catch (ParquetException e)
        {
            throw new ParquetException($"{where}, page at byte offset {pageOffset}: {e.Message}", e);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidCastException or OverflowException or InvalidOperationException)
        {
            // A last line of defence: a decoder bug on hostile input must still surface as a located ParquetException.
            throw new ParquetException($"{where}, page at byte offset {pageOffset}: corrupt data ({e.GetType().Name}: {e.Message})", e);
        }
    }

    private static ParquetColumnData Run<T>(ColumnChunkReader<T> reader, ref long pageOffset)
    {
        try
        {
            return reader.Read();
        }
        finally
        {
            pageOffset = reader.PageOffset;
        }
    }
}
