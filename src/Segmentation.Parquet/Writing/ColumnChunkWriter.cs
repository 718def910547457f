using System.Text;
using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Compression;
using Segmentation.Parquet.Encodings;
using Segmentation.Parquet.Format;
using Segmentation.Parquet.Schema;
using Segmentation.Parquet.Thrift;

namespace Segmentation.Parquet.Writing;

/// <summary>Writes one column chunk: an optional dictionary page, then v1 data pages, each compressed, straight to the output.</summary>
internal static class ColumnChunkWriter
{
    /// <summary>Writes the chunk for one column of one row group and returns its footer metadata.</summary>
    public static ColumnChunk Write(TrackedOutput output, ParquetField field, ParquetColumnData data, ParquetWriterOptions options)
    {
        var codec = options.Compression switch
        {
            ParquetCompression.Snappy => CompressionCodec.Snappy,
            ParquetCompression.Gzip => CompressionCodec.Gzip,
            _ => CompressionCodec.Uncompressed,
        };
        var rows = data.Count;
        var isNull = data.NullMask;
        var present = data.Count - data.NullCount;
        Array? dense = null;
        Array? dictionary = null;
        int[]? indices = null;
        var bitWidth = 0;
        if (field.Type == ParquetType.String && options.UseDictionary && present > 0
            && DictionaryBuilder.TryBuildStrings((string?[])data.RawValues, present, options.DictionaryPageSizeLimit, out var stringEntries, out var stringIndices, out var plainSize))
        {
            // Strings are keyed before UTF-8 encoding, so only distinct values are ever encoded.
            bitWidth = RleHybridEncoder.BitWidth(stringEntries.Length - 1);
            if (PlainEncoder.EncodedSize(stringEntries, 0, stringEntries.Length) + ((long)present * bitWidth / 8) < plainSize)
            {
                dictionary = stringEntries;
                indices = stringIndices;
            }
        }

        if (dictionary is null)
        {
            dense = DenseValues(field.Type, data.RawValues, isNull, present);
            if (options.UseDictionary && field.Type != ParquetType.String && dense is not bool[] && dense.Length > 0
                && DictionaryBuilder.TryBuild(dense, options.DictionaryPageSizeLimit, out var entries, out var entryIndices))
            {
                bitWidth = RleHybridEncoder.BitWidth(entries.Length - 1);
                var dictionaryCost = PlainEncoder.EncodedSize(entries, 0, entries.Length) + ((long)dense.Length * bitWidth / 8);
                if (dictionaryCost < PlainEncoder.EncodedSize(dense, 0, dense.Length))
                {
                    dictionary = entries;
                    indices = entryIndices;
                }
            }
        }

        var chunk = new ColumnChunk
        {
            Type = SchemaMapping.PhysicalTypeOf(field.Type),
            Codec = codec,
            NumValues = rows,

            // Without dense values the column is a string dictionary, whose distinct entries bound the same min and max.
            Statistics = StatisticsBuilder.Build(dense ?? dictionary!, data.NullCount),
        };
        chunk.PathInSchema.Add(field.Name);

        var page = new ByteBuffer(64 * 1024);
        long uncompressedTotal = 0;
        var chunkStart = output.Position;
        if (dictionary is not null)
        {
            chunk.DictionaryPageOffset = output.Position;
            PlainEncoder.Encode(dictionary, 0, dictionary.Length, page);
            uncompressedTotal += WritePage(output, codec, page, new PageHeader
            {
                Type = PageType.DictionaryPage,
                NumValues = dictionary.Length,
                Encoding = ColumnEncoding.Plain,
            });
        }

        chunk.DataPageOffset = output.Position;
        var estimatedBytes = Math.Max(1, indices is not null ? ((long)indices.Length * bitWidth / 8) + 1 : PlainEncoder.EncodedSize(dense!, 0, dense!.Length));
        var rowsPerPage = (int)Math.Clamp(rows * (long)options.DataPageSize / estimatedBytes, 1, Math.Max(1, rows));
        var levels = field.Nullable ? new int[Math.Min(rowsPerPage, rows)] : null;
        var valueCursor = 0;
        for (var first = 0; first < rows || (rows == 0 && first == 0); first += rowsPerPage)
        {
            var count = Math.Min(rowsPerPage, rows - first);
            page.Clear();
            var pagePresent = count;
            if (levels is not null)
            {
                pagePresent = 0;
                for (var i = 0; i < count; i++)
                {
                    var defined = isNull is null || !isNull[first + i];
                    levels[i] = defined ? 1 : 0;
                    pagePresent += defined ? 1 : 0;
                }

                var lengthSlot = page.Length;
                page.WriteInt32(0);
                RleHybridEncoder.Encode(levels.AsSpan(0, count), 1, page);
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(page.WrittenSpan.Slice(lengthSlot, 4), page.Length - lengthSlot - 4);
            }

            if (indices is not null)
            {
                page.WriteByte((byte)bitWidth);
                RleHybridEncoder.Encode(indices.AsSpan(valueCursor, pagePresent), bitWidth, page);
            }
            else
            {
                PlainEncoder.Encode(dense!, valueCursor, pagePresent, page);
            }

            valueCursor += pagePresent;
            uncompressedTotal += WritePage(output, codec, page, new PageHeader
            {
                Type = PageType.DataPage,
                NumValues = count,
                Encoding = indices is not null ? ColumnEncoding.RleDictionary : ColumnEncoding.Plain,
                DefinitionLevelEncoding = ColumnEncoding.Rle,
                RepetitionLevelEncoding = ColumnEncoding.Rle,
            });
            if (rows == 0)
            {
                break;
            }
        }

        chunk.Encodings.Add(ColumnEncoding.Plain);
        chunk.Encodings.Add(ColumnEncoding.Rle);
        if (dictionary is not null)
        {
            chunk.Encodings.Add(ColumnEncoding.RleDictionary);
        }

        chunk.FileOffset = chunk.DictionaryPageOffset ?? chunk.DataPageOffset;
        chunk.TotalCompressedSize = output.Position - chunkStart;
        chunk.TotalUncompressedSize = uncompressedTotal;
        return chunk;
    }

    private static long WritePage(TrackedOutput output, CompressionCodec codec, ByteBuffer body, PageHeader header)
    {
        var compressed = PageCompression.Compress(codec, body.WrittenSpan);
        header.UncompressedPageSize = body.Length;
        header.CompressedPageSize = compressed.Length;
        var headerWriter = new CompactWriter();
        MetadataWriter.WritePageHeader(headerWriter, header);
        output.Write(headerWriter.WrittenSpan);
        output.Write(compressed);
        return headerWriter.Length + body.Length;
    }

    private static Array DenseValues(ParquetType type, Array values, bool[]? isNull, int present)
    {
        if (type is ParquetType.String)
        {
            var strings = (string?[])values;
            var bytes = new byte[present][];
            var j = 0;
            foreach (var s in strings)
            {
                if (s is not null)
                {
                    bytes[j++] = Encoding.UTF8.GetBytes(s);
                }
            }

            return bytes;
        }

        if (type is ParquetType.ByteArray)
        {
            var arrays = (byte[]?[])values;
            var bytes = new byte[present][];
            var j = 0;
            foreach (var a in arrays)
            {
                if (a is not null)
                {
                    bytes[j++] = a;
                }
            }

            return bytes;
        }

        if (isNull is null)
        {
            return values;
        }

        return values switch
        {
            int[] ints => Compact(ints, isNull, present),
            long[] longs => Compact(longs, isNull, present),
            float[] floats => Compact(floats, isNull, present),
            double[] doubles => Compact(doubles, isNull, present),
            bool[] bools => Compact(bools, isNull, present),
            _ => throw new InvalidOperationException($"unexpected column storage {values.GetType().Name}"),
        };
    }

    private static T[] Compact<T>(T[] values, bool[] isNull, int present)
    {
        var dense = new T[present];
        var k = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!isNull[i])
            {
                dense[k++] = values[i];
            }
        }

        return dense;
    }
}
