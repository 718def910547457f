using System.Text.Json.Nodes;
using Segmentation.Data.Versioning;

namespace Segmentation.Data.Tests.Versioning;

public sealed class DatasetBuildFactsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "segstore-facts-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Save_WithBuildFacts_ManifestReadBackKeepsThem()
    {
        var store = new DatasetStore(_root, TimeProvider.System);
        var facts = new DatasetBuildFacts(1000, 3, new Dictionary<string, long> { ["cancelled invoices"] = 12, ["missing customer id"] = 40 }, new DateOnly(2011, 12, 10));

        var saved = store.Save(DatasetDigestTests.SmallTable(), "x", new RawInput("/data/x.csv", "aa11", 123), new JsonObject { ["seed"] = 1 }, "1.0.0", facts);
        var read = store.Get(saved.Digest).Build!;

        Assert.Equal((1000L, 3L, new DateOnly(2011, 12, 10)), (read.RowsRead, read.RowsRejected, read.ReferenceDate));
        Assert.Equal(facts.RowsRemovedByRule, read.RowsRemovedByRule);
    }

    [Fact]
    public void Save_WithoutBuildFacts_ManifestHasNoBuild()
    {
        var store = new DatasetStore(_root, TimeProvider.System);

        var saved = store.Save(DatasetDigestTests.SmallTable(), "x", new RawInput("/data/x.csv", "aa11", 123), new JsonObject { ["seed"] = 1 }, "1.0.0");

        Assert.Null(store.Get(saved.Digest).Build);
        Assert.DoesNotContain("\"build\"", File.ReadAllText(store.ManifestPath(saved.Digest)), StringComparison.Ordinal);
    }
}
