using Segmentation.Data.Features;
using Segmentation.Data.Versioning;
using Segmentation.Parquet.Writing;

namespace Segmentation.Data.Tests.Versioning;

public sealed class DatasetDigestTests
{
    internal static CustomerFeatureTable SmallTable(double firstRecency = 3) => new(
        [12346, 12347, 12348],
        ["recency_days", "monetary"],
        [[firstRecency, 10, 250], [77.5, 4310.0, 1797.24]],
        [77.5m, 4310.00m, 1797.24m]);

    [Fact]
    public void Compute_FixedTable_MatchesPinnedDigest()
    {
        // Pinned (and checked by an independent Python implementation of the encoding) so that a change to the canonical encoding (which would orphan every stored version) is deliberate.
        Assert.Equal("73b10778dd644d6f52ac4c048ca3151ad93925e1e2fe4ed07076cb9c1ae9e060", DatasetDigest.Compute(SmallTable()));
    }

    [Fact]
    public void Compute_ChangedValue_ChangesDigest()
    {
        Assert.NotEqual(DatasetDigest.Compute(SmallTable(3)), DatasetDigest.Compute(SmallTable(4)));
    }

    [Fact]
    public void Compute_NegativeZero_HashesAsZero()
    {
        Assert.Equal(DatasetDigest.Compute(SmallTable(0.0)), DatasetDigest.Compute(SmallTable(-0.0)));
    }

    [Fact]
    public void Compute_TrailingZerosInExactMonetary_DoNotMatter()
    {
        var a = SmallTable();
        var b = new CustomerFeatureTable(a.CustomerIds, a.FeatureNames, a.FeatureNames.Select(a.Column).ToArray(), [77.500m, 4310m, 1797.240m]);

        Assert.Equal(DatasetDigest.Compute(a), DatasetDigest.Compute(b));
    }

    [Theory]
    [InlineData(ParquetCompression.Snappy, 1, true)]
    [InlineData(ParquetCompression.Gzip, 2, false)]
    [InlineData(ParquetCompression.None, 100, true)]
    public void Compute_AfterParquetRoundTrip_IndependentOfWriterSettings(ParquetCompression codec, int rowGroupSize, bool dictionary)
    {
        var table = SmallTable();
        using var stream = new MemoryStream();
        FeatureTableParquet.Write(table, stream, new ParquetWriterOptions { Compression = codec, RowGroupSize = rowGroupSize, UseDictionary = dictionary });
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".parquet");
        File.WriteAllBytes(path, stream.ToArray());
        try
        {
            var read = FeatureTableParquet.Read(path);

            Assert.Equal(DatasetDigest.Compute(table), DatasetDigest.Compute(read));
            Assert.Equal(table.CustomerIds, read.CustomerIds);
            Assert.Equal(table.ExactMonetary, read.ExactMonetary);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Short_IsTwelveCharacters()
    {
        Assert.Equal(12, DatasetDigest.Short(DatasetDigest.Compute(SmallTable())).Length);
    }
}
