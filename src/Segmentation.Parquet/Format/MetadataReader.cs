using Segmentation.Parquet.Thrift;

namespace Segmentation.Parquet.Format;

/// <summary>Decodes FileMetaData and PageHeader structures from the Thrift compact protocol, skipping fields it does not use.</summary>
internal static class MetadataReader
{
    /// <summary>Reads a FileMetaData struct.</summary>
    public static FileMetaData ReadFileMetaData(CompactReader r)
    {
        var meta = new FileMetaData();
        bool hasVersion = false, hasSchema = false, hasRows = false, hasGroups = false;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    meta.Version = r.ReadI32();
                    hasVersion = true;
                    break;
                case 2 when type == CompactType.List:
                    ReadList(r, CompactType.Struct, () => meta.Schema.Add(ReadSchemaElement(r)));
                    hasSchema = true;
                    break;
                case 3 when type == CompactType.I64:
                    meta.NumRows = r.ReadI64();
                    hasRows = true;
                    break;
                case 4 when type == CompactType.List:
                    ReadList(r, CompactType.Struct, () => meta.RowGroups.Add(ReadRowGroup(r)));
                    hasGroups = true;
                    break;
                case 5 when type == CompactType.List:
                    ReadList(r, CompactType.Struct, () => meta.KeyValueMetadata.Add(ReadKeyValue(r)));
                    break;
                case 6 when type == CompactType.Binary:
                    meta.CreatedBy = r.ReadString();
                    break;
                case 7 when type == CompactType.List:
                    var count = r.ReadListHeader(out var elementType);
                    for (var i = 0; i < count; i++)
                    {
                        r.Skip(elementType);
                    }

                    meta.ColumnOrderCount = count;
                    break;
                case 8 or 9:
                    throw new ParquetException("unsupported: encrypted Parquet files");
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        Require(r, hasVersion && hasSchema && hasRows && hasGroups, "FileMetaData lacks a required field (version, schema, num_rows or row_groups)");
        return meta;
    }

    /// <summary>Reads a PageHeader struct.</summary>
    public static PageHeader ReadPageHeader(CompactReader r)
    {
        var page = new PageHeader();
        bool hasType = false, hasUncompressed = false, hasCompressed = false;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    page.Type = (PageType)r.ReadI32();
                    hasType = true;
                    break;
                case 2 when type == CompactType.I32:
                    page.UncompressedPageSize = r.ReadI32();
                    hasUncompressed = true;
                    break;
                case 3 when type == CompactType.I32:
                    page.CompressedPageSize = r.ReadI32();
                    hasCompressed = true;
                    break;
                case 5 when type == CompactType.Struct:
                    ReadDataPageHeader(r, page);
                    break;
                case 7 when type == CompactType.Struct:
                    ReadDictionaryPageHeader(r, page);
                    break;
                case 8 when type == CompactType.Struct:
                    ReadDataPageHeaderV2(r, page);
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        Require(r, hasType && hasUncompressed && hasCompressed, "PageHeader lacks type or page sizes");
        return page;
    }

    private static void ReadDataPageHeader(CompactReader r, PageHeader page)
    {
        page.HasDataPageHeader = true;
        bool hasCount = false, hasEncoding = false;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    page.NumValues = r.ReadI32();
                    hasCount = true;
                    break;
                case 2 when type == CompactType.I32:
                    page.Encoding = (ColumnEncoding)r.ReadI32();
                    hasEncoding = true;
                    break;
                case 3 when type == CompactType.I32:
                    page.DefinitionLevelEncoding = (ColumnEncoding)r.ReadI32();
                    break;
                case 4 when type == CompactType.I32:
                    page.RepetitionLevelEncoding = (ColumnEncoding)r.ReadI32();
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        Require(r, hasCount && hasEncoding, "DataPageHeader lacks num_values or encoding");
    }

    private static void ReadDictionaryPageHeader(CompactReader r, PageHeader page)
    {
        page.HasDictionaryPageHeader = true;
        bool hasCount = false;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    page.NumValues = r.ReadI32();
                    hasCount = true;
                    break;
                case 2 when type == CompactType.I32:
                    page.Encoding = (ColumnEncoding)r.ReadI32();
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        Require(r, hasCount, "DictionaryPageHeader lacks num_values");
    }

    private static void ReadDataPageHeaderV2(CompactReader r, PageHeader page)
    {
        page.HasDataPageHeaderV2 = true;
        bool hasCount = false, hasEncoding = false, hasDef = false, hasRep = false;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    page.NumValues = r.ReadI32();
                    hasCount = true;
                    break;
                case 2 when type == CompactType.I32:
                    page.NumNulls = r.ReadI32();
                    break;
                case 3 when type == CompactType.I32:
                    page.NumRows = r.ReadI32();
                    break;
                case 4 when type == CompactType.I32:
                    page.Encoding = (ColumnEncoding)r.ReadI32();
                    hasEncoding = true;
                    break;
                case 5 when type == CompactType.I32:
                    page.DefinitionLevelsByteLength = r.ReadI32();
                    hasDef = true;
                    break;
                case 6 when type == CompactType.I32:
                    page.RepetitionLevelsByteLength = r.ReadI32();
                    hasRep = true;
                    break;
                case 7 when type is CompactType.BooleanTrue or CompactType.BooleanFalse:
                    page.IsCompressed = r.ReadBool();
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        Require(r, hasCount && hasEncoding && hasDef && hasRep, "DataPageHeaderV2 lacks a required field");
    }

    private static SchemaElement ReadSchemaElement(CompactReader r)
    {
        var element = new SchemaElement();
        var hasName = false;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    element.Type = (PhysicalType)r.ReadI32();
                    break;
                case 2 when type == CompactType.I32:
                    element.TypeLength = r.ReadI32();
                    break;
                case 3 when type == CompactType.I32:
                    element.RepetitionType = (Repetition)r.ReadI32();
                    break;
                case 4 when type == CompactType.Binary:
                    element.Name = r.ReadString();
                    hasName = true;
                    break;
                case 5 when type == CompactType.I32:
                    element.NumChildren = r.ReadI32();
                    break;
                case 6 when type == CompactType.I32:
                    element.ConvertedType = (ConvertedType)r.ReadI32();
                    break;
                case 10 when type == CompactType.Struct:
                    ReadLogicalType(r, element);
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        Require(r, hasName, "SchemaElement lacks a name");
        return element;
    }

    private static void ReadLogicalType(CompactReader r, SchemaElement element)
    {
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id, out var type))
        {
            if (type != CompactType.Struct)
            {
                r.Skip(type);
                continue;
            }

            element.LogicalType = Enum.IsDefined((LogicalTypeKind)id) ? (LogicalTypeKind)id : LogicalTypeKind.Unknown;
            switch ((LogicalTypeKind)id)
            {
                case LogicalTypeKind.Timestamp:
                case LogicalTypeKind.Time:
                    ReadTimeLike(r, element);
                    break;
                case LogicalTypeKind.Integer:
                    ReadInteger(r, element);
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
    }

    private static void ReadTimeLike(CompactReader r, SchemaElement element)
    {
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id, out var type))
        {
            if (id == 1 && type is CompactType.BooleanTrue or CompactType.BooleanFalse)
            {
                element.TimestampAdjustedToUtc = r.ReadBool();
            }
            else if (id == 2 && type == CompactType.Struct)
            {
                r.BeginStruct();
                while (r.ReadFieldHeader(out var unitId, out var unitType))
                {
                    if (unitId is >= 1 and <= 3)
                    {
                        element.TimestampUnit = (TimeUnit)unitId;
                    }

                    r.Skip(unitType);
                }

                r.EndStruct();
            }
            else
            {
                r.Skip(type);
            }
        }

        r.EndStruct();
    }

    private static void ReadInteger(CompactReader r, SchemaElement element)
    {
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id, out var type))
        {
            if (id == 1 && type == CompactType.Byte)
            {
                element.IntegerBitWidth = r.ReadByte();
            }
            else if (id == 2 && type is CompactType.BooleanTrue or CompactType.BooleanFalse)
            {
                element.IntegerSigned = r.ReadBool();
            }
            else
            {
                r.Skip(type);
            }
        }

        r.EndStruct();
    }

    private static RowGroup ReadRowGroup(CompactReader r)
    {
        var group = new RowGroup();
        bool hasColumns = false, hasRows = false;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.List:
                    ReadList(r, CompactType.Struct, () => group.Columns.Add(ReadColumnChunk(r)));
                    hasColumns = true;
                    break;
                case 2 when type == CompactType.I64:
                    group.TotalByteSize = r.ReadI64();
                    break;
                case 3 when type == CompactType.I64:
                    group.NumRows = r.ReadI64();
                    hasRows = true;
                    break;
                case 5 when type == CompactType.I64:
                    group.FileOffset = r.ReadI64();
                    break;
                case 6 when type == CompactType.I64:
                    group.TotalCompressedSize = r.ReadI64();
                    break;
                case 7 when type == CompactType.I16:
                    group.Ordinal = r.ReadI16();
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        Require(r, hasColumns && hasRows, "RowGroup lacks columns or num_rows");
        return group;
    }

    private static ColumnChunk ReadColumnChunk(CompactReader r)
    {
        var chunk = new ColumnChunk();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary:
                    chunk.FilePath = r.ReadString();
                    break;
                case 2 when type == CompactType.I64:
                    chunk.FileOffset = r.ReadI64();
                    break;
                case 3 when type == CompactType.Struct:
                    ReadColumnMetaData(r, chunk);
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        return chunk;
    }

    private static void ReadColumnMetaData(CompactReader r, ColumnChunk chunk)
    {
        chunk.HasMetaData = true;
        bool hasType = false, hasCodec = false, hasValues = false, hasSize = false, hasOffset = false;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    chunk.Type = (PhysicalType)r.ReadI32();
                    hasType = true;
                    break;
                case 2 when type == CompactType.List:
                    ReadList(r, CompactType.I32, () => chunk.Encodings.Add((ColumnEncoding)r.ReadI32()));
                    break;
                case 3 when type == CompactType.List:
                    ReadList(r, CompactType.Binary, () => chunk.PathInSchema.Add(r.ReadString()));
                    break;
                case 4 when type == CompactType.I32:
                    chunk.Codec = (CompressionCodec)r.ReadI32();
                    hasCodec = true;
                    break;
                case 5 when type == CompactType.I64:
                    chunk.NumValues = r.ReadI64();
                    hasValues = true;
                    break;
                case 6 when type == CompactType.I64:
                    chunk.TotalUncompressedSize = r.ReadI64();
                    break;
                case 7 when type == CompactType.I64:
                    chunk.TotalCompressedSize = r.ReadI64();
                    hasSize = true;
                    break;
                case 9 when type == CompactType.I64:
                    chunk.DataPageOffset = r.ReadI64();
                    hasOffset = true;
                    break;
                case 11 when type == CompactType.I64:
                    chunk.DictionaryPageOffset = r.ReadI64();
                    break;
                case 12 when type == CompactType.Struct:
                    chunk.Statistics = ReadStatistics(r);
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        Require(r, hasType && hasCodec && hasValues && hasSize && hasOffset, "ColumnMetaData lacks a required field");
    }

    private static Statistics ReadStatistics(CompactReader r)
    {
        var stats = new Statistics();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary:
                    stats.Max = r.ReadBinary();
                    break;
                case 2 when type == CompactType.Binary:
                    stats.Min = r.ReadBinary();
                    break;
                case 3 when type == CompactType.I64:
                    stats.NullCount = r.ReadI64();
                    break;
                case 4 when type == CompactType.I64:
                    stats.DistinctCount = r.ReadI64();
                    break;
                case 5 when type == CompactType.Binary:
                    stats.MaxValue = r.ReadBinary();
                    break;
                case 6 when type == CompactType.Binary:
                    stats.MinValue = r.ReadBinary();
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        r.EndStruct();
        return stats;
    }

    private static KeyValuePair<string, string?> ReadKeyValue(CompactReader r)
    {
        string? key = null;
        string? value = null;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id, out var type))
        {
            if (id == 1 && type == CompactType.Binary)
            {
                key = r.ReadString();
            }
            else if (id == 2 && type == CompactType.Binary)
            {
                value = r.ReadString();
            }
            else
            {
                r.Skip(type);
            }
        }

        r.EndStruct();
        Require(r, key is not null, "KeyValue lacks a key");
        return new KeyValuePair<string, string?>(key!, value);
    }

    private static void ReadList(CompactReader r, CompactType expected, Action readElement)
    {
        var count = r.ReadListHeader(out var elementType);
        if (count > 0 && elementType != expected)
        {
            throw r.Error($"list elements are of type {(int)elementType}, expected {(int)expected}");
        }

        for (var i = 0; i < count; i++)
        {
            readElement();
        }
    }

    private static void Require(CompactReader r, bool condition, string message)
    {
        if (!condition)
        {
            throw r.Error(message);
        }
    }
}
