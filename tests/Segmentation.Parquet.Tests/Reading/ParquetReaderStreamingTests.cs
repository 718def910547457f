using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Reading;
using Segmentation.Parquet.Schema;
using Segmentation.Parquet.Writing;

namespace Segmentation.Parquet.Tests.Reading;

public class ParquetReaderStreamingTests
{
    private static readonly ParquetSchema Schema = new(new ParquetField("id", ParquetType.Int64, false), new ParquetField("text", ParquetType.String, true));

    [Fact]
    public void WriteRowGroup_EachGroup_IsInTheStreamBeforeClose()
    {
        var stream = new MemoryStream();
        using var writer = new ParquetWriter(stream, Schema, new ParquetWriterOptions { Compression = ParquetCompression.None }, leaveOpen: true);
        var lengths = new List<long>();

        for (var g = 0; g < 3; g++)
        {
            writer.WriteRowGroup(Group(g, 2000));
            lengths.Add(stream.Length);
        }

        Assert.True(lengths[0] > 4 && lengths[1] > lengths[0] && lengths[2] > lengths[1], string.Join(", ", lengths));
    }

    [Fact]
    public void ReadRowGroup_ProjectedColumn_ReadsOnlyThatChunksBytes()
    {
        var bytes = Write(4, 5000);
        var counting = new CountingStream(bytes);
        using var reader = ParquetReader.Open(counting);
        var afterFooter = counting.BytesRead;

        var group = reader.ReadRowGroup(2, ["id"]);

        var chunk = reader.GetColumnChunk(2, "id");
        Assert.Equal(chunk.CompressedSize, counting.BytesRead - afterFooter);
        Assert.Equal(Enumerable.Range(10_000, 5000).Select(i => (long)i), group["id"].AsInt64());
    }

    [Fact]
    public void ReadRowGroups_OpenFromPath_YieldsEveryGroupInOrder()
    {
        var path = Path.Combine(Path.GetTempPath(), $"segmentation-parquet-{Guid.NewGuid():N}.parquet");
        File.WriteAllBytes(path, Write(3, 100));
        try
        {
            using var reader = ParquetReader.Open(path);

            var firstIds = reader.ReadRowGroups().Select(g => g["id"].AsInt64()[0]).ToArray();

            Assert.Equal([0L, 100, 200], firstIds);
            Assert.Equal(300, reader.RowCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Write(int groups, int rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, Schema, new ParquetWriterOptions { Compression = ParquetCompression.Snappy }, leaveOpen: true))
        {
            for (var g = 0; g < groups; g++)
            {
                writer.WriteRowGroup(Group(g, rows));
            }
        }

        return stream.ToArray();
    }

    private static ParquetColumnData[] Group(int g, int rows) =>
    [
        ParquetColumnData.FromInt64(Enumerable.Range(g * rows, rows).Select(i => (long)i).ToArray()),
        ParquetColumnData.FromString(Enumerable.Range(0, rows).Select(i => i % 10 == 0 ? null : $"text {i * 31 % 977}").ToArray()),
    ];

    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }
    }
}
