using System.Text.Json.Nodes;
using Segmentation.Core.Json;

namespace Segmentation.Core.Tests.Json;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Of_Pairs_SortedKeysMinimalEscaping()
    {
        var json = CanonicalJson.Of([new KeyValuePair<string, string>("scaler", "log1p+standard"), new("k", "3"), new("note", "a\"b")]);

        Assert.Equal("{\"k\":\"3\",\"note\":\"a\\\"b\",\"scaler\":\"log1p+standard\"}", json);
    }

    [Fact]
    public void Of_NestedTree_KeysSortedAtEveryLevelArraysKeptInOrder()
    {
        var node = JsonNode.Parse("{\"b\":[{\"z\":1,\"a\":true}],\"a\":{\"y\":null,\"x\":\"<&>é+\"}}");

        Assert.Equal("{\"a\":{\"x\":\"<&>é+\",\"y\":null},\"b\":[{\"a\":true,\"z\":1}]}", CanonicalJson.Of(node));
    }

    [Fact]
    public void Hash_WhitespaceInTheSource_IsTheSha256OfTheCanonicalText()
    {
        // sha256 of {"a":"1"} (computed with sha256sum).
        Assert.Equal("9afeb0f2b203f254312ec8ded441d0318b7c34c57f8695ede42d2215a30c0960", CanonicalJson.Hash(JsonNode.Parse("{ \"a\" : \"1\" }")));
    }

    [Fact]
    public void From_Record_SnakeCaseNamesAndEnumsAsStrings()
    {
        var json = CanonicalJson.Of(CanonicalJson.From(new Sample(3, DayOfWeek.Monday)));

        Assert.Equal("{\"day_of_week\":\"monday\",\"row_count\":3}", json);
    }

    private sealed record Sample(int RowCount, DayOfWeek DayOfWeek);
}
