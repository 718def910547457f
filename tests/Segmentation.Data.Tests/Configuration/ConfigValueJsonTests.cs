using Segmentation.Core.Json;
using Segmentation.Data.Configuration;

namespace Segmentation.Data.Tests.Configuration;

public sealed class ConfigValueJsonTests
{
    [Fact]
    public void ToJson_ConfigTree_KeyOrderDoesNotMatterToTheCanonicalText()
    {
        var a = ConfigDocument.Parse("b: 1\na: {y: [1, 2], x: null}\n", "a.yaml");
        var b = ConfigDocument.Parse("a: {x: ~, y: [1, 2]}\nb: 1\n", "b.yaml");

        Assert.Equal(CanonicalJson.Of(a.ToJson()), CanonicalJson.Of(b.ToJson()));
        Assert.Equal("{\"a\":{\"x\":null,\"y\":[\"1\",\"2\"]},\"b\":\"1\"}", CanonicalJson.Of(a.ToJson()));
    }
}
