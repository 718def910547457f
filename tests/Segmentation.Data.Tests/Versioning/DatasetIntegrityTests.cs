using System.Text.Json.Nodes;
using Segmentation.Data.Versioning;

namespace Segmentation.Data.Tests.Versioning;

public sealed class DatasetIntegrityTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "segintegrity-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Load_ContentChangedButStillDecodes_RefusesNamingTheFilesAndHowToRebuild()
    {
        // Regression: a stored version whose bytes changed but still decoded was trained on silently, tagged with the good digest.
        var store = new DatasetStore(_root, TimeProvider.System);
        var good = Save(store, 3);
        Overwrite(store.ParquetPath(good.Digest), DatasetDigestTests.SmallTable(4));

        var ex = Assert.Throws<DatasetStoreException>(() => store.Load(good.Digest));

        Assert.Contains("is damaged: content does not match its digest", ex.Message, StringComparison.Ordinal);
        Assert.Contains(store.ParquetPath(good.Digest), ex.Message, StringComparison.Ordinal);
        Assert.Contains("segment data ingest", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadAndVerify_ManifestRowCountEdited_BothRefuse()
    {
        // Regression: a manifest whose row count was edited passed `data verify`.
        var store = new DatasetStore(_root, TimeProvider.System);
        var good = Save(store, 3);
        EditManifest(store, good.Digest, json => json["row_count"] = 4);

        var verification = Assert.Single(store.Verify());
        var ex = Assert.Throws<DatasetStoreException>(() => store.Load(good.Digest));

        Assert.False(verification.Ok);
        Assert.Equal("its manifest says 4 rows but the file holds 3", verification.Problem);
        Assert.Contains("its manifest says 4 rows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadAndVerify_ManifestSchemaEdited_BothRefuse()
    {
        var store = new DatasetStore(_root, TimeProvider.System);
        var good = Save(store, 3);
        EditManifest(store, good.Digest, json => json["schema"]![1]!["name"] = "frequency");

        var verification = Assert.Single(store.Verify());

        Assert.False(verification.Ok);
        Assert.StartsWith("its manifest schema (customer_id:int64, frequency:double", verification.Problem, StringComparison.Ordinal);
        Assert.Throws<DatasetStoreException>(() => store.Load(good.Digest));
    }

    [Fact]
    public void Save_SameDigestOverADamagedVersion_RewritesItSoTheRebuildHeals()
    {
        var store = new DatasetStore(_root, TimeProvider.System);
        var good = Save(store, 3);
        Overwrite(store.ParquetPath(good.Digest), DatasetDigestTests.SmallTable(4));

        Save(store, 3);

        Assert.Equal(3, store.Load(good.Digest).RowCount);
        Assert.True(Assert.Single(store.Verify()).Ok);
    }

    private static DatasetManifest Save(DatasetStore store, double firstRecency) =>
        store.Save(DatasetDigestTests.SmallTable(firstRecency), "x", new RawInput("/data/x.csv", "aa11", 123), new JsonObject { ["seed"] = 1 }, "1.0.0");

    private static void Overwrite(string parquetPath, Segmentation.Data.Features.CustomerFeatureTable table)
    {
        using var stream = File.Create(parquetPath);
        FeatureTableParquet.Write(table, stream);
    }

    private static void EditManifest(DatasetStore store, string digest, Action<JsonNode> edit)
    {
        var path = store.ManifestPath(digest);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }
}
