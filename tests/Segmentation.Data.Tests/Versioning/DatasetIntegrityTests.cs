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

    [Fact]
    public void CheckFooter_IntactVersion_ReturnsItsManifest()
    {
        var store = new DatasetStore(_root, TimeProvider.System);
        var good = Save(store, 3);

        var checkedManifest = store.CheckFooter(good.Digest);

        Assert.Equal(good.Digest, checkedManifest.Digest);
        Assert.Equal(3, checkedManifest.RowCount);
    }

    [Fact]
    public void CheckFooter_ParquetReplacedByAnotherTable_Refuses()
    {
        var store = new DatasetStore(_root, TimeProvider.System);
        var good = Save(store, 3);
        // Another table written without the digest stamp: the footer cannot vouch for it, so the full check runs.
        Overwrite(store.ParquetPath(good.Digest), DatasetDigestTests.SmallTable(4));

        var ex = Assert.Throws<DatasetStoreException>(() => store.CheckFooter(good.Digest));

        Assert.Contains("content does not match its digest", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFooter_ParquetOfAnotherVersionCopiedOverIt_RefusesNamingTheStampedDigest()
    {
        var store = new DatasetStore(_root, TimeProvider.System);
        var good = Save(store, 3);
        var other = Save(store, 4);
        File.Copy(store.ParquetPath(other.Digest), store.ParquetPath(good.Digest), overwrite: true);

        var ex = Assert.Throws<DatasetStoreException>(() => store.CheckFooter(good.Digest));

        Assert.Contains($"its Parquet footer names digest {DatasetDigest.Short(other.Digest)}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFooter_ParquetTruncated_RefusesNamingTheFiles()
    {
        var store = new DatasetStore(_root, TimeProvider.System);
        var good = Save(store, 3);
        var path = store.ParquetPath(good.Digest);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var ex = Assert.Throws<DatasetStoreException>(() => store.CheckFooter(good.Digest));

        Assert.Contains("is damaged", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFooter_ManifestRowCountOrColumnsEdited_Refuses()
    {
        var store = new DatasetStore(_root, TimeProvider.System);
        var good = Save(store, 3);
        EditManifest(store, good.Digest, json => json["row_count"] = 4);
        var rows = Assert.Throws<DatasetStoreException>(() => store.CheckFooter(good.Digest));
        EditManifest(store, good.Digest, json =>
        {
            json["row_count"] = 3;
            json["schema"]![1]!["name"] = "frequency";
        });
        var columns = Assert.Throws<DatasetStoreException>(() => store.CheckFooter(good.Digest));

        Assert.Contains("its manifest says 4 rows but the file holds 3", rows.Message, StringComparison.Ordinal);
        Assert.Contains("its manifest columns differ from the file's", columns.Message, StringComparison.Ordinal);
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
