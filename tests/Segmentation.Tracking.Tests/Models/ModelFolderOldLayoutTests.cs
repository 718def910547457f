using System.Text.Json.Nodes;
using Segmentation.Tracking.Models;

namespace Segmentation.Tracking.Tests.Models;

/// <summary>
/// Folders in the layout before the one document (pipeline, profile and each attachment a file of its own: champions already
/// registered) still read, from the committed fixture <c>Fixtures/old-layout-model</c>, with the same content the new layout gives.
/// </summary>
public sealed class ModelFolderOldLayoutTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "old-layout-model");

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "seg-old-layout-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Read_OldLayout_PipelineProfileAndAttachmentsFromTheirOwnFiles()
    {
        var folder = ModelFolder.Read(Fixture);

        Assert.Null(folder.DocumentPath);
        Assert.Equal(Path.Combine(folder.DirectoryPath, ModelFolder.PipelineFile), folder.PipelinePath);
        Assert.Equal(File.ReadAllText(Path.Combine(Fixture, "pipeline.json")), folder.PipelineJson);
        Assert.Equal(File.ReadAllText(Path.Combine(Fixture, "cluster_profile.csv")), folder.ClusterProfileCsv);
        foreach (var name in new[] { "segments.json", "training_params.json", "segment_products.csv" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(Fixture, name)), folder.Attachment(name));
            Assert.Equal(Path.Combine(folder.DirectoryPath, name), folder.AttachmentSource(name));
        }

        Assert.Null(folder.Attachment(ModelFolder.MlModelFile));
        Assert.Null(folder.Attachment(ModelFolder.PipelineFile));
        Assert.Equal("gmm", folder.Algorithm);
        Assert.Equal(["recency_days", "tenure_days", "monetary"], folder.FeatureNames);
    }

    [Fact]
    public void Write_OldFoldersContent_NewLayoutReadsBackTheSameContent()
    {
        var old = ModelFolder.Read(Fixture);
        var names = new[] { "segments.json", "training_params.json", "segment_products.csv" };
        var content = new ModelFolderContent(old.PipelineJson, old.FeatureNames, old.Algorithm!, old.FormatVersion!.Value, old.ClusterProfileCsv!,
            names.ToDictionary(n => n, n => old.Attachment(n)!));

        ModelFolder.Write(_directory, content, old.RunId!, DateTimeOffset.UnixEpoch, "0.1.0");
        var now = ModelFolder.Read(_directory);

        Assert.Equal(Path.Combine(now.DirectoryPath, ModelFolder.DocumentFile), now.DocumentPath);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(old.PipelineJson), JsonNode.Parse(now.PipelineJson)));
        Assert.Equal(old.ClusterProfileCsv, now.ClusterProfileCsv);
        Assert.Equal(old.Attachment("segment_products.csv"), now.Attachment("segment_products.csv"));
        foreach (var json in new[] { "segments.json", "training_params.json" })
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(old.Attachment(json)!), JsonNode.Parse(now.Attachment(json)!)), json);
        }
    }
}
