using System.Buffers.Binary;
using System.Text;
using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Format;
using Segmentation.Parquet.Schema;
using Segmentation.Parquet.Thrift;

namespace Segmentation.Parquet.Reading;

/// <summary>Reads a flat Parquet file from a seekable stream, one row group at a time; only the footer is held in memory between calls.</summary>
public sealed partial class ParquetReader : IDisposable
{
    private const int MagicLength = 4;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly FileMetaData _meta;
    private readonly ColumnDescriptor[] _columns;
    private readonly long _footerStart;
    private string? _path;

    private ParquetReader(Stream stream, bool leaveOpen, FileMetaData meta, ColumnDescriptor[] columns, long footerStart)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _meta = meta;
        _columns = columns;
        _footerStart = footerStart;
        Schema = new ParquetSchema(columns.Select(c => c.Field));
        var keyValues = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in meta.KeyValueMetadata)
        {
            keyValues[key] = value ?? string.Empty;
        }

        KeyValueMetadata = keyValues;
        RowCount = meta.RowGroups.Sum(g => g.NumRows);
    }

    /// <summary>The file's schema.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>Number of row groups.</summary>
    public int RowGroupCount => _meta.RowGroups.Count;

    /// <summary>Total number of rows over all row groups.</summary>
    public long RowCount { get; }

    /// <summary>The footer's key-value metadata (a missing value reads as the empty string).</summary>
    public IReadOnlyDictionary<string, string> KeyValueMetadata { get; }

    /// <summary>The footer's created_by string, if any.</summary>
    public string? CreatedBy => _meta.CreatedBy;

    /// <summary>Opens a Parquet file by path; the reader owns the file handle.</summary>
    public static ParquetReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        try
        {
            var reader = Open(stream);
            reader._path = path;
            return reader;
        }
        catch (ParquetException e)
        {
            stream.Dispose();
            throw new ParquetException($"{path}: {e.Message}", e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens a Parquet file on a readable, seekable stream and reads its footer.</summary>
    public static ParquetReader Open(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("the stream must be readable and seekable", nameof(stream));
        }

        var length = stream.Length;
        if (length < 12)
        {
            throw new ParquetException($"file of {length} bytes is too short to be Parquet (at least 12 bytes: magic, footer length, magic)");
        }

        var head = ReadAt(stream, 0, MagicLength);
        var tail = ReadAt(stream, length - 8, 8);
        if (!head.AsSpan().SequenceEqual("PAR1"u8))
        {
            throw new ParquetException($"wrong magic at byte offset 0: expected 'PAR1', found {Describe(head)}");
        }

        if (tail.AsSpan(4).SequenceEqual("PARE"u8))
        {
            throw new ParquetException("unsupported: encrypted Parquet footer ('PARE' magic)");
        }

        if (!tail.AsSpan(4).SequenceEqual("PAR1"u8))
        {
            throw new ParquetException($"wrong magic at byte offset {length - 4}: expected 'PAR1', found {Describe(tail[4..])} (truncated file?)");
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        var footerStart = length - 8 - footerLength;
        if (footerLength <= 0 || footerStart < MagicLength)
        {
            throw new ParquetException($"footer length {footerLength} at byte offset {length - 8} does not fit the {length - 12} bytes between the magic numbers");
        }

        var footer = ReadAt(stream, footerStart, footerLength);
        var meta = MetadataReader.ReadFileMetaData(new CompactReader(footer, 0, footer.Length, footerStart, "footer (FileMetaData)"));
        var columns = CheckMetadata(meta, footerStart);
        return new ParquetReader(stream, leaveOpen, meta, columns, footerStart);
    }

    /// <summary>Reads one row group, all columns or only the named ones (in the order named).</summary>
    public ParquetRowGroup ReadRowGroup(int index, IReadOnlyList<string>? columns = null)
    {
        if ((uint)index >= (uint)_meta.RowGroups.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the file has {_meta.RowGroups.Count} row groups");
        }

        var group = _meta.RowGroups[index];
        var selected = columns is null ? Enumerable.Range(0, _columns.Length).ToArray() : columns.Select(ColumnIndex).ToArray();
        var data = new ParquetColumnData[selected.Length];
        for (var i = 0; i < selected.Length; i++)
        {
            data[i] = ReadColumn(index, group, selected[i]);
        }

        return new ParquetRowGroup(index, group.NumRows, selected.Select(c => _columns[c].Field).ToArray(), data);
    }

    /// <summary>Reads every row group in turn (one in memory at a time).</summary>
    public IEnumerable<ParquetRowGroup> ReadRowGroups(IReadOnlyList<string>? columns = null)
    {
        for (var i = 0; i < RowGroupCount; i++)
        {
            yield return ReadRowGroup(i, columns);
        }
    }

    /// <summary>Number of rows in one row group.</summary>
    public long GetRowGroupRowCount(int index) => _meta.RowGroups[CheckGroup(index)].NumRows;

    /// <summary>Footer facts (codec, encodings, sizes, statistics) for one column chunk.</summary>
    public ParquetColumnChunkInfo GetColumnChunk(int rowGroup, string column)
    {
        var chunk = _meta.RowGroups[CheckGroup(rowGroup)].Columns[ColumnIndex(column)];
        var descriptor = _columns[ColumnIndex(column)];
        return new ParquetColumnChunkInfo(
            descriptor.Field.Name,
            CodecName(chunk.Codec),
            chunk.Encodings.Select(PageValueDecoder.EncodingName).ToArray(),
            chunk.TotalCompressedSize,
            chunk.TotalUncompressedSize,
            chunk.Statistics is null ? null : StatisticsDecoder.Decode(descriptor, chunk.Statistics));
    }

    /// <summary>The statistics of one column chunk, or null when the writer recorded none.</summary>
    public ParquetColumnStatistics? GetStatistics(int rowGroup, string column) => GetColumnChunk(rowGroup, column).Statistics;

    /// <summary>Closes the stream unless leaveOpen was set.</summary>
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private int CheckGroup(int index) =>
        (uint)index < (uint)_meta.RowGroups.Count
            ? index
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"the file has {_meta.RowGroups.Count} row groups");

    private int ColumnIndex(string name)
    {
        var index = Schema.IndexOf(name);
        return index >= 0
            ? index
            : throw new ArgumentException($"no column named '{name}' (columns: {string.Join(", ", Schema.Fields.Select(f => f.Name))})", nameof(name));
    }

    private static string CodecName(CompressionCodec codec) => codec switch
    {
        CompressionCodec.Uncompressed => "UNCOMPRESSED",
        CompressionCodec.Lz4Raw => "LZ4_RAW",
        _ => codec.ToString().ToUpperInvariant(),
    };

    private static byte[] ReadAt(Stream stream, long offset, int count)
    {
        var buffer = new byte[count];
        stream.Seek(offset, SeekOrigin.Begin);
        var read = 0;
        while (read < count)
        {
            var n = stream.Read(buffer, read, count - read);
            if (n == 0)
            {
                throw new ParquetException($"file ended at byte offset {offset + read} while reading {count} bytes from offset {offset}");
            }

            read += n;
        }

        return buffer;
    }

    private static string Describe(byte[] bytes) =>
        bytes.All(b => b is >= 0x20 and < 0x7F) ? $"'{Encoding.ASCII.GetString(bytes)}'" : Convert.ToHexString(bytes);
}
