using Segmentation.Serving.Http;
using Segmentation.Serving.Models;
using Segmentation.Serving.Scoring;
using Segmentation.Serving.Tests.Fixtures;
using Segmentation.Tracking.Models;

namespace Segmentation.Serving.Tests.Http;

/// <summary>Segment names and profiles come from the model folder's segments.json, else from its cluster profile with id names.</summary>
public sealed class ModelSegmentsTests(TrainedModelsFixture models) : IClassFixture<TrainedModelsFixture>
{
    private const string SegmentsJson = """
        {"format_version": 1, "segments": [
          {"segment": 1, "name": "Loyal big spenders", "description": "buy often", "size": 30, "share": 0.3, "revenue_share": 0.7, "rfm": null, "features": {"monetary": {"mean": 900.5, "median": 700, "lift": 3.1}}},
          {"segment": 0, "name": "Lapsed", "description": "long gone", "size": 70, "share": 0.7, "revenue_share": 0.3, "rfm": null, "features": {}}
        ]}
        """;

    [Fact]
    public async Task Of_FolderWithSegmentsJson_TakesNamesAndProfilesFromIt()
    {
        using var temp = new TempDirectory();
        var folder = await CopyWithAsync(temp.Path, SegmentsJson);

        var segments = ModelSegments.Of(ModelLoader.LoadFolder(folder.DirectoryPath));

        Assert.Equal([0, 1], segments.Select(s => s.Segment));
        Assert.Equal("Lapsed", segments[0].Name);
        Assert.Equal("Loyal big spenders", segments[1].Name);
        Assert.Equal(30, segments[1].Size);
        Assert.Equal(0.7, segments[1].Profile["revenue_share"]!.GetValue<double>());
        Assert.Equal("buy often", segments[1].Profile["description"]!.GetValue<string>());
        Assert.Equal("Loyal big spenders", SegmentNames.For(1, folder));
        Assert.Equal("segment-3", SegmentNames.For(3, folder));
    }

    [Fact]
    public async Task Of_DamagedSegmentsJson_FallsBackToClusterProfileAndIdNames()
    {
        using var temp = new TempDirectory();
        var folder = await OldLayoutCopyWithAsync(temp.Path, "{ not json");

        var segments = ModelSegments.Of(ModelLoader.LoadFolder(folder.DirectoryPath));

        Assert.Equal(4, segments.Count);
        Assert.Equal("segment-0", segments[0].Name);
        Assert.Equal(models.Training.Features.Rows, segments.Sum(s => s.Size));
    }

    private async Task<ModelFolder> CopyWithAsync(string directory, string segmentsJson)
    {
        var model = await models.GetAsync("kmeans");
        var loaded = await ModelLoader.LoadAsync(models.Backend, ModelReference.Parse($"models:/{model.Name}/1", models.Scratch), new ModelCache(Path.Combine(directory, "cache")), CancellationToken.None);
        var copy = Path.Combine(directory, "model");
        var folder = loaded.Folder;
        var attachments = new Dictionary<string, string> { [SegmentNames.SegmentsFile] = segmentsJson };
        ModelFolder.Write(copy, new ModelFolderContent(folder.PipelineJson, folder.FeatureNames, folder.Algorithm!, folder.FormatVersion!.Value, folder.ClusterProfileCsv!, attachments), folder.RunId!, DateTimeOffset.UnixEpoch, "test");

        return ModelFolder.Read(copy);
    }

    // A damaged segments.json can only exist in the layout before the document (one file per part), which is what this writes.
    private async Task<ModelFolder> OldLayoutCopyWithAsync(string directory, string segmentsJson)
    {
        var model = await models.GetAsync("kmeans");
        var loaded = await ModelLoader.LoadAsync(models.Backend, ModelReference.Parse($"models:/{model.Name}/1", models.Scratch), new ModelCache(Path.Combine(directory, "cache")), CancellationToken.None);
        var copy = Path.Combine(directory, "model");
        Directory.CreateDirectory(copy);
        var folder = loaded.Folder;
        var mlModel = (await File.ReadAllTextAsync(Path.Combine(folder.DirectoryPath, ModelFolder.MlModelFile)))
            .Replace("    document: " + ModelFolder.DocumentFile + "\n", "    pipeline: " + ModelFolder.PipelineFile + "\n    cluster_profile: " + ModelFolder.ProfileFile + "\n", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(copy, ModelFolder.MlModelFile), mlModel);
        await File.WriteAllTextAsync(Path.Combine(copy, ModelFolder.PipelineFile), folder.PipelineJson);
        await File.WriteAllTextAsync(Path.Combine(copy, ModelFolder.ProfileFile), folder.ClusterProfileCsv);
        await File.WriteAllTextAsync(Path.Combine(copy, SegmentNames.SegmentsFile), segmentsJson);
        var read = ModelFolder.Read(copy);
        Assert.Null(read.DocumentPath);
        return read;
    }
}
