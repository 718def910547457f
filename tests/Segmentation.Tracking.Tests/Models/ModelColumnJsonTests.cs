using System.Text.Json;
using Segmentation.Tracking.Models;

namespace Segmentation.Tracking.Tests.Models;

public sealed class ModelColumnJsonTests
{
    [Fact]
    public void MlModelText_SignatureFromSourceGeneratedColumns_IsWhatReflectionOverDictionariesWrote()
    {
        // The signature was written by reflection over one Dictionary<string, object> per column; the source-generated
        // ModelColumn must keep its key order and escaping (non-ASCII, HTML-sensitive and quote characters).
        string[] names = ["recency", "monetary_£", "a<b>&'c\"", "日本"];
        var content = new ModelFolderContent("{}", names, "kmeans", 1, "segment,size\n0,1\n");
        var reference = JsonSerializer.Serialize(names.Select(n => new Dictionary<string, object> { ["type"] = "double", ["name"] = n, ["required"] = true }));
        var outputs = JsonSerializer.Serialize(new[] { new Dictionary<string, object> { ["type"] = "long", ["name"] = "segment", ["required"] = true } });

        var text = ModelFolder.MlModelText(content, "0123456789abcdef0123456789abcdef", DateTimeOffset.UnixEpoch, "0.1.0", "00112233445566778899aabbccddeeff");

        Assert.Contains("  inputs: '" + reference.Replace("'", "''", StringComparison.Ordinal) + "'\n", text, StringComparison.Ordinal);
        Assert.Contains("  outputs: '" + outputs + "'\n", text, StringComparison.Ordinal);
    }
}
