using Segmentation.Data.Pipeline;
using Segmentation.Data.Tests.Products;
using Segmentation.Data.Versioning;

namespace Segmentation.Data.Tests.Versioning;

/// <summary>The purchases stored beside a dataset version, so a lineage-cache hit still has them without parsing.</summary>
public sealed class DatasetProductsTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("segmentation-dsproducts-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public void Ingest_CacheHit_ReturnsTheSamePurchasesAsTheBuild()
    {
        var (options, store) = Setup();

        var built = DatasetIngestion.Ingest(options, store, _scratch.FullName, CancellationToken.None);
        var hit = DatasetIngestion.Ingest(options, store, _scratch.FullName, CancellationToken.None);

        Assert.False(built.CacheHit);
        Assert.True(hit.CacheHit);
        Assert.NotNull(hit.Products);
        Assert.Equal(built.Products!.Customers, hit.Products.Customers);
        Assert.Equal(built.Products.Products, hit.Products.Products);
        Assert.Equal(built.Products.StockCodes, hit.Products.StockCodes);
    }

    [Fact]
    public void Ingest_CacheHitOfVersionWithoutPurchases_RebuildsThemFromTheRawFileAndKeepsThem()
    {
        var (options, store) = Setup();
        var built = DatasetIngestion.Ingest(options, store, _scratch.FullName, CancellationToken.None);
        var file = Directory.GetFiles(Path.Combine(store.Root, "products")).Single();
        File.Delete(file);

        var hit = DatasetIngestion.Ingest(options, store, _scratch.FullName, CancellationToken.None);

        Assert.True(hit.CacheHit);
        Assert.Equal(built.Products!.Customers, hit.Products!.Customers);
        Assert.True(File.Exists(file));
    }

    [Fact]
    public void Ingest_OtherCleaningParams_StoresPurchasesUnderTheirOwnLineage()
    {
        var (options, store) = Setup();
        var returnsKept = options with { Cleaning = options.Cleaning with { DropNonPositiveQuantity = false } };

        DatasetIngestion.Ingest(options, store, _scratch.FullName, CancellationToken.None);
        DatasetIngestion.Ingest(returnsKept, store, _scratch.FullName, CancellationToken.None);

        Assert.Equal(2, Directory.GetFiles(Path.Combine(store.Root, "products")).Length);
    }

    [Fact]
    public void IngestForReport_MissThenHit_NamesTheVersionIngestStores()
    {
        var (options, store) = Setup();

        var miss = DatasetIngestion.IngestForReport(options, store, _scratch.FullName, CancellationToken.None);
        var hit = DatasetIngestion.IngestForReport(options, store, _scratch.FullName, CancellationToken.None);
        var full = DatasetIngestion.Ingest(options, store, _scratch.FullName, CancellationToken.None);

        Assert.False(miss.CacheHit);
        Assert.True(hit.CacheHit);
        Assert.True(full.CacheHit);
        Assert.Equal(full.Manifest.Digest, miss.Manifest.Digest);
        Assert.Equal(full.Manifest.Digest, hit.Manifest.Digest);
        Assert.Equal(full.Table.RowCount, hit.Manifest.RowCount);
    }

    [Fact]
    public void IngestForReport_HitOfVersionWithoutPurchases_BuildsAndKeepsThem()
    {
        var (options, store) = Setup();
        DatasetIngestion.Ingest(options, store, _scratch.FullName, CancellationToken.None);
        var file = Directory.GetFiles(Path.Combine(store.Root, "products")).Single();
        File.Delete(file);

        var hit = DatasetIngestion.IngestForReport(options, store, _scratch.FullName, CancellationToken.None);

        Assert.True(hit.CacheHit);
        Assert.True(File.Exists(file));
    }

    [Fact]
    public void IngestForReport_HitOfDamagedVersion_RefusesInsteadOfReportingIt()
    {
        var (options, store) = Setup();
        var built = DatasetIngestion.Ingest(options, store, _scratch.FullName, CancellationToken.None);
        var path = store.ParquetPath(built.Manifest.Digest);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..16]);

        Assert.Throws<DatasetStoreException>(() => DatasetIngestion.IngestForReport(options, store, _scratch.FullName, CancellationToken.None));
    }

    private (DataOptions Options, DatasetStore Store) Setup()
    {
        var input = SmallTransactions.Write(_scratch.FullName, 11);
        return (new DataOptions { Ingestion = new() { Input = input } }, new DatasetStore(Path.Combine(_scratch.FullName, "store"), TimeProvider.System));
    }
}
