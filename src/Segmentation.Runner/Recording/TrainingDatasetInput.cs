using System.Text.Json;
using Segmentation.Runner.Data;
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
        var schema = JsonSerializer.Serialize(new
        {
            mlflow_colspec = data.FeatureNames.Select(n => new { type = "double", name = n, required = true }).ToArray(),
        });
        var profile = JsonSerializer.Serialize(new { num_rows = data.Features.Rows, num_elements = data.Features.Rows * data.Features.Cols });
        var source = JsonSerializer.Serialize(new { uri = data.SourcePath });
        // MLflow shows an 8-character digest in the UI; the full one is in the segmentation.dataset_digest tag.
        var dataset = new Dataset(data.Name, data.Digest[..8], "local", source, schema, profile);
        return new DatasetInput(dataset, new Dictionary<string, string> { [MlflowTags.DatasetContext] = MlflowTags.DatasetContextTraining });
    }
}
