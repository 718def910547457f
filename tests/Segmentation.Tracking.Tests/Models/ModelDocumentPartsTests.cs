using Segmentation.Tracking.Models;

namespace Segmentation.Tracking.Tests.Models;

public sealed class ModelDocumentPartsTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static ModelFolderContent Content(string pipeline, string segments) => new(
        pipeline, ["recency", "frequency"], "agglomerative", 1, "segment,size\n0,2\n", new Dictionary<string, string> { ["segments.json"] = segments, ["segment_products.csv"] = "a,b\n1,2\n" });

    private static byte[] Document(ModelFolderContent content) =>
        ModelFolder.Files(content, "run1", Created, "0.1.0", "uuid").Single(f => f.Key == ModelFolder.DocumentFile).Value;

    // A fresh instance each call, so no test sees another's declarations.
    private static string Fresh(string text) => new(text.AsSpan());

    [Fact]
    public void Write_DeclaredParts_GiveTheDocumentOfTheSameTextChecked()
    {
        const string pipeline = "{\n  \"samples\": [\n    [0.5, -0.0],\n    [1e-300, 2]\n  ],\n  \"name\": \"caf\\u00e9\"\n}";
        const string segments = "{\n  \"segments\": []\n}";

        var declared = Document(Content(ModelDocumentParts.Serialized(Fresh(pipeline)), ModelDocumentParts.Serialized(Fresh(segments))));
        var checkedOnce = Document(Content(Fresh(pipeline), Fresh(segments)));

        Assert.Equal(checkedOnce, declared);
    }

    [Fact]
    public void Write_CheckedPart_IsRememberedAndWritesTheSameBytesAgain()
    {
        var pipeline = Fresh("{\"a\": [1, 2, 3]}");
        var content = Content(pipeline, Fresh("{}"));
        Assert.False(ModelDocumentParts.IsKnownValid(pipeline));

        var first = Document(content);

        Assert.True(ModelDocumentParts.IsKnownValid(pipeline));
        Assert.Equal(first, Document(content));
        // Known by instance, not by text: an equal string is checked for itself.
        Assert.False(ModelDocumentParts.IsKnownValid(Fresh(pipeline)));
    }

    [Theory]
    [InlineData("{\"a\": ")]
    [InlineData("null")]
    [InlineData("{} {}")]
    public void Write_InvalidPart_IsRefusedOnEveryWrite(string json)
    {
        var pipeline = Fresh(json);
        var segments = Fresh(json);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.Throws<ArgumentException>(() => Document(Content(pipeline, "{}")));
            Assert.Throws<ArgumentException>(() => Document(Content("{}", segments)));
        }

        Assert.False(ModelDocumentParts.IsKnownValid(pipeline));
        Assert.False(ModelDocumentParts.IsKnownValid(segments));
    }
}
