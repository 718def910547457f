using Segmentation.Data.Pipeline;
using Segmentation.Data.Tests.Products;
using Segmentation.Data.Versioning;

namespace Segmentation.Data.Tests.Versioning;

/// <summary>An ingest whose new version is written by a background task: the same version as a plain ingest, once it completes.</summary>
public sealed class BackgroundStoreTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("segmentation-dsbackground-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public async Task Ingest_InBackground_StoresTheSameVersionAsAPlainIngest()
    {
        var input = SmallTransactions.Write(_scratch.FullName, 11);
        var options = new DataOptions { Ingestion = new() { Input = input } };
        var background = new DatasetStore(Path.Combine(_scratch.FullName, "background"), TimeProvider.System);
        var plain = new DatasetStore(Path.Combine(_scratch.FullName, "plain"), TimeProvider.System);

        var staged = DatasetIngestion.Ingest(options, background, _scratch.FullName, storeInBackground: true, CancellationToken.None);
        await staged.Stored;
        var written = DatasetIngestion.Ingest(options, plain, _scratch.FullName, CancellationToken.None);

        Assert.False(staged.CacheHit);
        Assert.True(written.Stored.IsCompletedSuccessfully);
        Assert.Equal(written.Manifest.Digest, staged.Manifest.Digest);
        Assert.Equal(staged.Manifest.Digest, background.Get(staged.Manifest.Digest).Digest);
        Assert.Equal(staged.Manifest.CreatedUtc, background.Get(staged.Manifest.Digest).CreatedUtc);
        Assert.Equal(File.ReadAllBytes(plain.ParquetPath(written.Manifest.Digest)), File.ReadAllBytes(background.ParquetPath(staged.Manifest.Digest)));
        var hit = DatasetIngestion.Ingest(options, background, _scratch.FullName, CancellationToken.None);
        Assert.True(hit.CacheHit);
        Assert.Equal(staged.Products!.Customers, hit.Products!.Customers);
    }

    [Fact]
    public async Task Ingest_InBackground_WhoseWriteFails_FaultsStoredAndLeavesNoVersion()
    {
        var input = SmallTransactions.Write(_scratch.FullName, 11);
        var options = new DataOptions { Ingestion = new() { Input = input } };
        // The store's folder is a file: nothing can be written under it.
        var root = Path.Combine(_scratch.FullName, "not-a-folder");
        File.WriteAllText(root, "");
        var store = new DatasetStore(root, TimeProvider.System);

        var staged = DatasetIngestion.Ingest(options, store, _scratch.FullName, storeInBackground: true, CancellationToken.None);

        await Assert.ThrowsAnyAsync<IOException>(() => staged.Stored);
        Assert.Equal("", File.ReadAllText(root));
    }
}
