using System.Text.Json;
using System.Text.Json.Serialization;
using Segmentation.Runner.Data;
using Segmentation.Tracking.Models;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Recording;

/// <summary>The training table as an MLflow dataset input (<c>runs/log-inputs</c>): name, digest, source, schema, profile.</summary>
public static class TrainingDatasetInput
{
    /// <summary>The dataset input of <paramref name="data"/> with context <c>training</c>.</summary>
    public static DatasetInput Of(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var schema = JsonSerializer.Serialize(new Schema([.. data.FeatureNames.Select(n => new ModelColumn(n, "double", Required: true))]), RunnerJsonContext.Default.Schema);
        var profile = JsonSerializer.Serialize(new Profile(data.Features.Rows, data.Features.Rows * data.Features.Cols), RunnerJsonContext.Default.Profile);
        var source = JsonSerializer.Serialize(new Source(data.SourcePath), RunnerJsonContext.Default.Source);
        // MLflow shows an 8-character digest in the UI; the full one is in the segmentation.dataset_digest tag.
        var dataset = new Dataset(data.Name, data.Digest[..8], "local", source, schema, profile);
        return new DatasetInput(dataset, new Dictionary<string, string> { [MlflowTags.DatasetContext] = MlflowTags.DatasetContextTraining });
    }

    // The JSON documents of an MLflow dataset (compact, as MLflow's client sends them), as source-generated types: no
    // reflection over anonymous types when every trial logs its input.
    internal sealed record Schema([property: JsonPropertyName("mlflow_colspec")] IReadOnlyList<ModelColumn> Columns);

    internal sealed record Profile([property: JsonPropertyName("num_rows")] int Rows, [property: JsonPropertyName("num_elements")] int Elements);

    internal sealed record Source([property: JsonPropertyName("uri")] string Uri);
}
