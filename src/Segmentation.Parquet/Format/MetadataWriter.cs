using Segmentation.Parquet.Thrift;

namespace Segmentation.Parquet.Format;

/// <summary>Encodes FileMetaData and PageHeader structures in the Thrift compact protocol.</summary>
internal static class MetadataWriter
{
    /// <summary>Writes a FileMetaData struct, declaring TYPE_ORDER for every leaf column so readers trust min_value/max_value.</summary>
    public static void WriteFileMetaData(CompactWriter w, FileMetaData meta)
    {
        w.BeginStruct();
        w.WriteI32Field(1, meta.Version);
        w.WriteListField(2, CompactType.Struct, meta.Schema.Count);
        foreach (var element in meta.Schema)
        {
            WriteSchemaElement(w, element);
        }

        w.WriteI64Field(3, meta.NumRows);
        w.WriteListField(4, CompactType.Struct, meta.RowGroups.Count);
        foreach (var group in meta.RowGroups)
        {
            WriteRowGroup(w, group);
        }

        if (meta.KeyValueMetadata.Count > 0)
        {
            w.WriteListField(5, CompactType.Struct, meta.KeyValueMetadata.Count);
            foreach (var (key, value) in meta.KeyValueMetadata)
            {
                w.BeginStruct();
                w.WriteStringField(1, key);
                if (value is not null)
                {
                    w.WriteStringField(2, value);
                }

                w.EndStruct();
            }
        }

        if (meta.CreatedBy is not null)
        {
            w.WriteStringField(6, meta.CreatedBy);
        }

        if (meta.ColumnOrderCount > 0)
        {
            w.WriteListField(7, CompactType.Struct, meta.ColumnOrderCount);
            for (var i = 0; i < meta.ColumnOrderCount; i++)
            {
                // ColumnOrder is a union whose only member, TYPE_ORDER (field 1), is an empty struct.
                w.BeginStruct();
                w.BeginStructField(1);
                w.EndStruct();
                w.EndStruct();
            }
        }

        w.EndStruct();
    }

    /// <summary>Writes a PageHeader struct for a v1 data page or a dictionary page.</summary>
    public static void WritePageHeader(CompactWriter w, PageHeader page)
    {
        w.BeginStruct();
        w.WriteI32Field(1, (int)page.Type);
        w.WriteI32Field(2, page.UncompressedPageSize);
        w.WriteI32Field(3, page.CompressedPageSize);
        if (page.Type == PageType.DataPage)
        {
            w.BeginStructField(5);
            w.WriteI32Field(1, page.NumValues);
            w.WriteI32Field(2, (int)page.Encoding);
            w.WriteI32Field(3, (int)page.DefinitionLevelEncoding);
            w.WriteI32Field(4, (int)page.RepetitionLevelEncoding);
            w.EndStruct();
        }
        else if (page.Type == PageType.DictionaryPage)
        {
            w.BeginStructField(7);
            w.WriteI32Field(1, page.NumValues);
            w.WriteI32Field(2, (int)page.Encoding);
            w.EndStruct();
        }
        else
        {
            throw new InvalidOperationException($"the writer does not produce {page.Type} pages");
        }

        w.EndStruct();
    }

    private static void WriteSchemaElement(CompactWriter w, SchemaElement element)
    {
        w.BeginStruct();
        if (element.Type is { } type)
        {
            w.WriteI32Field(1, (int)type);
        }

        if (element.RepetitionType is { } repetition)
        {
            w.WriteI32Field(3, (int)repetition);
        }

        w.WriteStringField(4, element.Name);
        if (element.NumChildren is { } children)
        {
            w.WriteI32Field(5, children);
        }

        if (element.ConvertedType is { } converted)
        {
            w.WriteI32Field(6, (int)converted);
        }

        if (element.LogicalType != LogicalTypeKind.None)
        {
            w.BeginStructField(10);
            w.BeginStructField((short)element.LogicalType);
            if (element.LogicalType == LogicalTypeKind.Timestamp)
            {
                w.WriteBoolField(1, element.TimestampAdjustedToUtc);
                w.BeginStructField(2);
                w.BeginStructField((short)element.TimestampUnit);
                w.EndStruct();
                w.EndStruct();
            }

            w.EndStruct();
            w.EndStruct();
        }

        w.EndStruct();
    }

    private static void WriteRowGroup(CompactWriter w, RowGroup group)
    {
        w.BeginStruct();
        w.WriteListField(1, CompactType.Struct, group.Columns.Count);
        foreach (var column in group.Columns)
        {
            WriteColumnChunk(w, column);
        }

        w.WriteI64Field(2, group.TotalByteSize);
        w.WriteI64Field(3, group.NumRows);
        if (group.FileOffset is { } offset)
        {
            w.WriteI64Field(5, offset);
        }

        if (group.TotalCompressedSize is { } compressed)
        {
            w.WriteI64Field(6, compressed);
        }

        if (group.Ordinal is { } ordinal)
        {
            w.WriteFieldHeader(7, CompactType.I16);
            w.WriteI64Raw(ordinal);
        }

        w.EndStruct();
    }

    private static void WriteColumnChunk(CompactWriter w, ColumnChunk chunk)
    {
        w.BeginStruct();
        w.WriteI64Field(2, chunk.FileOffset);
        w.BeginStructField(3);
        w.WriteI32Field(1, (int)chunk.Type);
        w.WriteListField(2, CompactType.I32, chunk.Encodings.Count);
        foreach (var encoding in chunk.Encodings)
        {
            w.WriteI64Raw((int)encoding);
        }

        w.WriteListField(3, CompactType.Binary, chunk.PathInSchema.Count);
        foreach (var part in chunk.PathInSchema)
        {
            w.WriteString(part);
        }

        w.WriteI32Field(4, (int)chunk.Codec);
        w.WriteI64Field(5, chunk.NumValues);
        w.WriteI64Field(6, chunk.TotalUncompressedSize);
        w.WriteI64Field(7, chunk.TotalCompressedSize);
        w.WriteI64Field(9, chunk.DataPageOffset);
        if (chunk.DictionaryPageOffset is { } dictionaryOffset)
        {
            w.WriteI64Field(11, dictionaryOffset);
        }

        if (chunk.Statistics is { } stats)
        {
            w.BeginStructField(12);
            if (stats.NullCount is { } nulls)
            {
                w.WriteI64Field(3, nulls);
            }

            if (stats.DistinctCount is { } distinct)
            {
                w.WriteI64Field(4, distinct);
            }

            if (stats.MaxValue is { } max)
            {
                w.WriteBinaryField(5, max);
            }

            if (stats.MinValue is { } min)
            {
                w.WriteBinaryField(6, min);
            }

            w.EndStruct();
        }

        w.EndStruct();
        w.EndStruct();
    }
}
