using System.IO.Compression;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Tests.Ingestion;

public sealed class ReadAheadStreamTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(128 * 1024)]
    [InlineData((128 * 1024) + 1)]
    [InlineData(3_000_017)]
    public void Read_AnySizeAndReadLengths_YieldsTheInnerBytesInOrder(int size)
    {
        var data = Bytes(size, seed: size);
        using var stream = new ReadAheadStream(new TrickleStream(data, maxRead: 10_007));
        var random = new Random(3);
        var copy = new MemoryStream();
        var buffer = new byte[400_000];
        int read;
        while ((read = stream.Read(buffer, 0, random.Next(1, buffer.Length))) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        Assert.Equal(data, copy.ToArray());
        Assert.Equal(0, stream.Read(buffer, 0, buffer.Length));
    }

    [Fact]
    public void Read_InnerThrows_EveryByteBeforeThenTheSameException()
    {
        var data = Bytes(1_000_000, seed: 1);
        using var stream = new ReadAheadStream(new TrickleStream(data, maxRead: 65_536, failAfter: 700_000));
        var copy = new MemoryStream();
        var buffer = new byte[50_000];

        var error = Assert.Throws<InvalidDataException>(() =>
        {
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                copy.Write(buffer, 0, read);
            }
        });

        Assert.Equal("corrupt at 700000", error.Message);
        Assert.Equal(data[..700_000], copy.ToArray());
    }

    [Fact]
    public void Dispose_BeforeTheEnd_StopsTheThreadAndDisposesTheInnerStream()
    {
        var inner = new TrickleStream(Bytes(5_000_000, seed: 2), maxRead: 4096);
        var stream = new ReadAheadStream(inner);
        Assert.Equal(100, stream.Read(new byte[100]));

        stream.Dispose();

        Assert.True(inner.Disposed);
        Assert.Throws<ObjectDisposedException>(() => stream.Read(new byte[1]));
    }

    [Fact]
    public void ReadFile_GzipWithReadAhead_SameTableAsThePlainFile()
    {
        var dir = Directory.CreateTempSubdirectory("readahead-").FullName;
        try
        {
            var text = new System.Text.StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
            for (var i = 0; i < 60_000; i++)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i / 3},{10000 + (i % 900)},\"ITEM, {i % 50}\",{1 + (i % 7)},2011-01-01T10:00:00,1.25,{12000 + (i % 300)},UK\n");
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(text.ToString());
            File.WriteAllBytes(Path.Combine(dir, "t.csv"), bytes);
            using (var gz = new GZipStream(File.Create(Path.Combine(dir, "t.csv.gz")), CompressionLevel.Fastest))
            {
                gz.Write(bytes);
            }

            var plain = TransactionReader.ReadFile(new IngestionOptions { Input = "t.csv" }, dir);
            var zipped = TransactionReader.ReadFile(new IngestionOptions { Input = "t.csv.gz" }, dir);

            Assert.Equal(60_000, zipped.Table.RowCount);
            Assert.Equal(Enumerable.Range(0, plain.Table.RowCount).Select(plain.Table.Row), Enumerable.Range(0, zipped.Table.RowCount).Select(zipped.Table.Row));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FeaturePipelineRun_CancelledDuringAGzipIngest_ThrowsAndClosesTheFile()
    {
        var dir = Directory.CreateTempSubdirectory("readahead-cancel-").FullName;
        try
        {
            var path = Path.Combine(dir, "t.csv.gz");
            using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            using (var writer = new StreamWriter(gz))
            {
                writer.Write("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
                for (var i = 0; i < 100_000; i++)
                {
                    writer.Write(System.FormattableString.Invariant($"{i / 3},{10000 + (i % 900)},ITEM {i % 50},1,2011-01-01T10:00:00,1.25,{12000 + (i % 300)},UK\n"));
                }
            }

            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();

            Assert.Throws<OperationCanceledException>(() =>
                Segmentation.Data.Pipeline.FeaturePipeline.Run(new Segmentation.Data.Pipeline.DataOptions { Ingestion = new IngestionOptions { Input = "t.csv.gz" } }, dir, cancelled.Token));

            // The inflater thread stopped and the file was closed: nothing holds it open.
            using var exclusive = File.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static byte[] Bytes(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }
}
