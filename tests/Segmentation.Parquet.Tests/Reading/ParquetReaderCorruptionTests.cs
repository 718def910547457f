using System.Buffers.Binary;
using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Format;
using Segmentation.Parquet.Reading;
using Segmentation.Parquet.Schema;
using Segmentation.Parquet.Thrift;
using Segmentation.Parquet.Writing;

namespace Segmentation.Parquet.Tests.Reading;

public class ParquetReaderCorruptionTests
{
    private static readonly ParquetSchema OneColumn = new(new ParquetField("v", ParquetType.Int64, true));

    [Fact]
    public void Open_WrongMagic_NamesOffsetZero()
    {
        var file = Simple(ParquetCompression.None);
        file[0] = (byte)'X';

        var error = Assert.Throws<ParquetException>(() => Read(file));

        Assert.Contains("wrong magic at byte offset 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TruncatedFile_ReportsMissingTailMagic()
    {
        var file = Simple(ParquetCompression.None);

        var error = Assert.Throws<ParquetException>(() => Read(file[..(file.Length - 10)]));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TinyFile_SaysTooShort()
    {
        var error = Assert.Throws<ParquetException>(() => Read("PAR1PAR1"u8.ToArray()));

        Assert.Contains("too short", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FooterLengthBeyondFile_NamesLengthAndOffset()
    {
        var file = Simple(ParquetCompression.None);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(file.Length - 8), int.MaxValue);

        var error = Assert.Throws<ParquetException>(() => Read(file));

        Assert.Contains($"footer length {int.MaxValue} at byte offset {file.Length - 8}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_CorruptThriftInFooter_NamesFooterOffset()
    {
        var file = Simple(ParquetCompression.None);
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8));
        var footerStart = file.Length - 8 - footerLength;
        file.AsSpan(footerStart, footerLength).Fill(0xFF);

        var error = Assert.Throws<ParquetException>(() => Read(file));

        Assert.StartsWith("corrupt footer (FileMetaData) at byte offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRowGroup_PageSizeThatLies_NamesRowGroupColumnAndOffset()
    {
        var file = Simple(ParquetCompression.None, useDictionary: false);
        var header = ReadPageHeaderAt(file, 4, out var headerLength);
        header.CompressedPageSize = 8000;
        SplicePageHeader(file, 4, headerLength, header);

        var error = Assert.Throws<ParquetException>(() => Read(file));

        Assert.StartsWith("row group 0, column 'v', page at byte offset 4:", error.Message, StringComparison.Ordinal);
        Assert.Contains("8000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRowGroup_PageValueCountAboveRows_IsRejectedBeforeAllocating()
    {
        var file = Simple(ParquetCompression.None, useDictionary: false);
        var header = ReadPageHeaderAt(file, 4, out var headerLength);
        header.NumValues = 8000;
        SplicePageHeader(file, 4, headerLength, header);

        var error = Assert.Throws<ParquetException>(() => Read(file));

        Assert.Contains("page claims 8000 values", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ParquetCompression.Snappy, "snappy")]
    [InlineData(ParquetCompression.Gzip, "gzip")]
    public void ReadRowGroup_CorruptCompressedPage_ReportsDecompressionFailure(ParquetCompression compression, string codec)
    {
        var file = Simple(compression, useDictionary: false);
        ReadPageHeaderAt(file, 4, out var headerLength);
        file.AsSpan(4 + headerLength, 6).Fill(0xFF);

        var error = Assert.Throws<ParquetException>(() => Read(file));

        Assert.StartsWith("row group 0, column 'v'", error.Message, StringComparison.Ordinal);
        Assert.Contains(codec, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRowGroup_AbsurdRowCount_FailsWithoutHugeAllocation()
    {
        var file = RewriteFooter(Simple(ParquetCompression.Snappy), meta =>
        {
            meta.RowGroups[0].NumRows = int.MaxValue;
            meta.RowGroups[0].Columns[0].NumValues = int.MaxValue;
        });

        var error = Assert.Throws<ParquetException>(() => Read(file));

        Assert.Contains($"of {int.MaxValue} values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ColumnChunkBeyondDataRegion_IsRejected()
    {
        var file = RewriteFooter(Simple(ParquetCompression.None), meta => meta.RowGroups[0].Columns[0].TotalCompressedSize = 1L << 40);

        var error = Assert.Throws<ParquetException>(() => Read(file));

        Assert.Contains("row group 0, column 'v' spans bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NestedSchema_IsUnsupported()
    {
        var file = RewriteFooter(Simple(ParquetCompression.None), meta =>
        {
            meta.Schema[0].NumChildren = 1;
            meta.Schema.Insert(1, new SchemaElement { Name = "group", NumChildren = 1, RepetitionType = Repetition.Optional });
        });

        var error = Assert.Throws<ParquetException>(() => Read(file));

        Assert.StartsWith("unsupported: nested schema", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RepeatedField_IsUnsupported()
    {
        var file = RewriteFooter(Simple(ParquetCompression.None), meta => meta.Schema[1].RepetitionType = Repetition.Repeated);

        var error = Assert.Throws<ParquetException>(() => Read(file));

        Assert.StartsWith("unsupported: column 'v' (column 0) is REPEATED", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NonSeekableStream_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ParquetReader.Open(new NonSeekableStream()));
    }

    private static byte[] Simple(ParquetCompression compression, bool useDictionary = true)
    {
        var values = Enumerable.Range(0, 100).Select(i => (long)i * 7919 % 1000).ToArray();
        var nulls = Enumerable.Range(0, 100).Select(i => i % 9 == 0).ToArray();
        return SampleTables.Write(OneColumn, [ParquetColumnData.FromInt64(values, nulls)], new ParquetWriterOptions { Compression = compression, UseDictionary = useDictionary });
    }

    private static void Read(byte[] file) => ParquetReaderFuzzTests.ReadEverything(file);

    private static PageHeader ReadPageHeaderAt(byte[] file, int offset, out int length)
    {
        var reader = new CompactReader(file, offset, file.Length, offset, "page header");
        var header = MetadataReader.ReadPageHeader(reader);
        length = reader.Position - offset;
        return header;
    }

    private static void SplicePageHeader(byte[] file, int offset, int length, PageHeader header)
    {
        var writer = new CompactWriter();
        MetadataWriter.WritePageHeader(writer, header);
        Assert.Equal(length, writer.Length);
        writer.WrittenSpan.CopyTo(file.AsSpan(offset));
    }

    private static byte[] RewriteFooter(byte[] file, Action<FileMetaData> change)
    {
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8));
        var footerStart = file.Length - 8 - footerLength;
        var meta = MetadataReader.ReadFileMetaData(new CompactReader(file, footerStart, file.Length - 8, footerStart, "footer"));
        change(meta);
        var writer = new CompactWriter();
        MetadataWriter.WriteFileMetaData(writer, meta);
        var result = new byte[footerStart + writer.Length + 8];
        file.AsSpan(0, footerStart).CopyTo(result);
        writer.WrittenSpan.CopyTo(result.AsSpan(footerStart));
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(result.Length - 8), writer.Length);
        "PAR1"u8.CopyTo(result.AsSpan(result.Length - 4));
        return result;
    }

    private sealed class NonSeekableStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
