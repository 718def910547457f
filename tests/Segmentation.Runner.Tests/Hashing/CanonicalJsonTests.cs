using Segmentation.Data.Configuration;
using Segmentation.Runner.Hashing;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Tests.Hashing;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Of_Pairs_SortedKeysMinimalEscaping()
    {
        var json = CanonicalJson.Of([new KeyValuePair<string, string>("scaler", "log1p+standard"), new("k", "3"), new("note", "a\"b")]);

        Assert.Equal("{\"k\":\"3\",\"note\":\"a\\\"b\",\"scaler\":\"log1p+standard\"}", json);
    }

    [Fact]
    public void TrialHash_KnownInput_MatchesIndependentSha256()
    {
        // sha256 of {"dataset_digest":"d","params":{"k":"3","scaler":"log1p+standard"},"tool_version":"1.0.0"} (computed with sha256sum).
        var hash = SweepPlanner.TrialHash("d", CanonicalJson.Of([new KeyValuePair<string, string>("scaler", "log1p+standard"), new("k", "3")]), "1.0.0");

        Assert.Equal("24ab3a55e8a9c75fd9c4f0757ffcdb08bf90be879cf96ace0fb8fc5dd20c4f37", hash);
    }

    [Fact]
    public void Of_ConfigTree_KeyOrderDoesNotMatter()
    {
        var a = ConfigDocument.Parse("b: 1\na: {y: [1, 2], x: null}\n", "a.yaml");
        var b = ConfigDocument.Parse("a: {x: ~, y: [1, 2]}\nb: 1\n", "b.yaml");

        Assert.Equal(CanonicalJson.Of(a), CanonicalJson.Of(b));
        Assert.Equal("{\"a\":{\"x\":null,\"y\":[\"1\",\"2\"]},\"b\":\"1\"}", CanonicalJson.Of(a));
    }
}
