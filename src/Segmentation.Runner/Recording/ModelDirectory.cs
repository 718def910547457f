using System.Globalization;
using System.Text;
using System.Text.Json;
using Segmentation.Clustering.Pipeline;

namespace Segmentation.Runner.Recording;

/// <summary>Writes a trial's model as an MLflow model directory: an <c>MLmodel</c> file, the pipeline JSON and the cluster profile.</summary>
public static class ModelDirectory
{
    /// <summary>Artifact path of the model directory inside a run.</summary>
    public const string ArtifactPath = "model";

    /// <summary>Our MLflow flavor name.</summary>
    public const string FlavorName = "segmentation";

    /// <summary>File name of the fitted pipeline inside the model directory.</summary>
    public const string PipelineFile = "pipeline.json";

    /// <summary>File name of the cluster profile inside the model directory.</summary>
    public const string ProfileFile = "cluster_profile.csv";

    /// <summary>Writes the three files into <paramref name="directory"/> (created if missing).</summary>
    public static void Write(string directory, FittedPipeline pipeline, string profileCsv, string runId, DateTimeOffset createdUtc, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, PipelineFile), pipeline.ToJson());
        File.WriteAllText(Path.Combine(directory, ProfileFile), profileCsv);
        File.WriteAllText(Path.Combine(directory, "MLmodel"), MlModel(pipeline, runId, createdUtc, toolVersion));
    }

    /// <summary>The MLmodel YAML: artifact path, our flavor, model uuid, run id, creation time and the signature.</summary>
    public static string MlModel(FittedPipeline pipeline, string runId, DateTimeOffset createdUtc, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        // MLflow stores signature schemas as JSON strings inside the YAML (ColSpec: type, name, required).
        var inputs = JsonSerializer.Serialize(pipeline.FeatureNames.Select(n => new Dictionary<string, object> { ["type"] = "double", ["name"] = n, ["required"] = true }));
        var outputs = JsonSerializer.Serialize(new[] { new Dictionary<string, object> { ["type"] = "long", ["name"] = "segment", ["required"] = true } });
        var text = new StringBuilder();
        text.Append("artifact_path: ").Append(ArtifactPath).Append('\n');
        text.Append("flavors:\n");
        text.Append("  ").Append(FlavorName).Append(":\n");
        text.Append("    pipeline: ").Append(PipelineFile).Append('\n');
        text.Append("    cluster_profile: ").Append(ProfileFile).Append('\n');
        text.Append("    algorithm: ").Append(pipeline.Model.Algorithm).Append('\n');
        text.Append("    format_version: ").Append(pipeline.FormatVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("    segmentation_version: ").Append(Quote(toolVersion)).Append('\n');
        text.Append("model_uuid: ").Append(Guid.NewGuid().ToString("N")).Append('\n');
        text.Append("run_id: ").Append(runId).Append('\n');
        text.Append("utc_time_created: '").Append(createdUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)).Append("'\n");
        text.Append("signature:\n");
        text.Append("  inputs: ").Append(Quote(inputs)).Append('\n');
        text.Append("  outputs: ").Append(Quote(outputs)).Append('\n');
        text.Append("  params: null\n");
        return text.ToString();
    }

    // Single-quoted YAML: only the quote itself needs escaping (doubled).
    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
