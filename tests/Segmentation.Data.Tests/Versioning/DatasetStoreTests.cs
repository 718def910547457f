using System.Text.Json.Nodes;
using Segmentation.Core.Json;
using Segmentation.Data.Versioning;

namespace Segmentation.Data.Tests.Versioning;

public sealed class DatasetStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "segstore-" + Guid.NewGuid().ToString("N"));
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private DatasetStore Store() => new(_root, _clock);

    private static RawInput Raw(string sha = "aa11") => new("/data/x.csv", sha, 123);

    private static JsonObject Params(int seed = 1) => new() { ["seed"] = seed };

    [Fact]
    public void Save_NewTable_WritesParquetAndManifestAndNoTempFiles()
    {
        var manifest = Store().Save(DatasetDigestTests.SmallTable(), "x", Raw(), Params(), "1.0.0");

        Assert.True(File.Exists(Path.Combine(_root, manifest.Digest + ".parquet")));
        Assert.True(File.Exists(Path.Combine(_root, manifest.Digest + ".json")));
        Assert.Empty(Directory.EnumerateFiles(_root, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(3, manifest.RowCount);
        Assert.Equal(_clock.GetUtcNow(), manifest.CreatedUtc);
        Assert.Equal(["customer_id", "recency_days", "monetary", "monetary_exact"], manifest.Schema.Select(c => c.Name));
        Assert.Equal(87.666666666666671, manifest.Profile[1].Mean!.Value, 12);
    }

    [Fact]
    public void Save_SameContentTwice_KeepsOneVersionAndFirstCreationTime()
    {
        var store = Store();
        var first = store.Save(DatasetDigestTests.SmallTable(), "x", Raw("aa11"), Params(), "1.0.0");
        _clock.Now = _clock.Now.AddHours(1);
        var second = store.Save(DatasetDigestTests.SmallTable(), "x", Raw("bb22"), Params(), "1.0.0");

        Assert.Equal(first.Digest, second.Digest);
        Assert.Equal(first.CreatedUtc, second.CreatedUtc);
        Assert.Single(store.List());
        Assert.NotNull(store.FindByLineage("bb22", CanonicalJson.Hash(Params())));
    }

    [Fact]
    public void FindByLineage_OtherParams_IsACacheMiss()
    {
        var store = Store();
        store.Save(DatasetDigestTests.SmallTable(), "x", Raw(), Params(1), "1.0.0");

        Assert.NotNull(store.FindByLineage("aa11", CanonicalJson.Hash(Params(1))));
        Assert.Null(store.FindByLineage("aa11", CanonicalJson.Hash(Params(2))));
        Assert.Null(store.FindByLineage("ffff", CanonicalJson.Hash(Params(1))));
    }

    [Fact]
    public void Load_ByShortPrefix_ReturnsStoredTable()
    {
        var store = Store();
        var manifest = store.Save(DatasetDigestTests.SmallTable(), "x", Raw(), Params(), "1.0.0");

        var table = store.Load(manifest.ShortDigest);

        Assert.Equal(manifest.Digest, DatasetDigest.Compute(table));
    }

    [Fact]
    public void Get_UnknownDigest_NamesTheStoreAndHowToList()
    {
        Store().Save(DatasetDigestTests.SmallTable(), "x", Raw(), Params(), "1.0.0");

        var ex = Assert.Throws<DatasetStoreException>(() => Store().Get("0000dead"));

        Assert.Contains("segment data list", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_NotHex_IsRejected()
    {
        Assert.Throws<DatasetStoreException>(() => Store().Get("../../etc"));
    }

    [Fact]
    public void Verify_TamperedContent_ReportsMismatch()
    {
        var store = Store();
        var good = store.Save(DatasetDigestTests.SmallTable(3), "x", Raw(), Params(), "1.0.0");
        using (var stream = File.Create(store.ParquetPath(good.Digest)))
        {
            FeatureTableParquet.Write(DatasetDigestTests.SmallTable(4), stream);
        }

        var result = Assert.Single(store.Verify());

        Assert.False(result.Ok);
        Assert.Equal(good.Digest, result.Digest);
        Assert.NotEqual(good.Digest, result.ActualDigest);
    }

    [Fact]
    public void Verify_TruncatedFile_ReportsProblemWithoutThrowing()
    {
        var store = Store();
        var good = store.Save(DatasetDigestTests.SmallTable(), "x", Raw(), Params(), "1.0.0");
        var bytes = File.ReadAllBytes(store.ParquetPath(good.Digest));
        File.WriteAllBytes(store.ParquetPath(good.Digest), bytes[..(bytes.Length / 2)]);

        var result = Assert.Single(store.Verify(good.ShortDigest));

        Assert.False(result.Ok);
        Assert.NotNull(result.Problem);
    }

    [Fact]
    public void Verify_IntactStore_AllOk()
    {
        var store = Store();
        store.Save(DatasetDigestTests.SmallTable(3), "x", Raw(), Params(), "1.0.0");
        store.Save(DatasetDigestTests.SmallTable(5), "x", Raw("cc33"), Params(), "1.0.0");

        Assert.All(store.Verify(), r => Assert.True(r.Ok));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
