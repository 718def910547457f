using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Segmentation.Tracking.Models;

public sealed partial class ModelFolder
{
    /// <summary>Writes the three files into <paramref name="directory"/> (created if missing); MLmodel last, so a folder with one is complete.</summary>
    /// <param name="modelUuid">The model's uuid (32 hex digits); null draws a new one.</param>
    public static void Write(string directory, ModelFolderContent content, string runId, DateTimeOffset createdUtc, string toolVersion, string? modelUuid = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        foreach (var (name, bytes) in Files(content, runId, createdUtc, toolVersion, modelUuid))
        {
            var path = Path.Combine(directory, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }
    }

    /// <summary>The folder's files as (name inside the folder, UTF-8 bytes), in write order: pipeline, profile, attachments, then MLmodel.</summary>
    /// <param name="loggedModelId">The MLflow 3 logged model the folder belongs to (written as MLmodel's <c>model_id</c>, as MLflow 3 does), or null.</param>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> Files(ModelFolderContent content, string runId, DateTimeOffset createdUtc, string toolVersion, string? modelUuid = null, string? loggedModelId = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var mlModel = MlModelText(content, runId, createdUtc, toolVersion, modelUuid ?? Guid.NewGuid().ToString("N"), loggedModelId);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var files = new List<KeyValuePair<string, byte[]>>
        {
            new(PipelineFile, utf8.GetBytes(content.PipelineJson)),
            new(ProfileFile, utf8.GetBytes(content.ClusterProfileCsv)),
        };
        foreach (var (name, text) in (content.Attachments ?? new Dictionary<string, string>()).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (name is MlModelFile or PipelineFile or ProfileFile || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
            {
                throw new ArgumentException($"model folder attachment '{name}' must be a plain file name other than the folder's own files", nameof(content));
            }

            files.Add(new(name, utf8.GetBytes(text)));
        }

        // MLmodel last: a folder with an MLmodel is complete.
        files.Add(new(MlModelFile, utf8.GetBytes(mlModel)));
        return files;
    }

    /// <summary>The MLmodel YAML: artifact path, our flavor, model uuid, run id, creation time and the signature.</summary>
    /// <remarks>Byte for byte what the Runner's ModelDirectory wrote, so folders logged before and after the move read the same.</remarks>
    /// <param name="loggedModelId">MLflow 3's logged model id, written as <c>model_id</c> just before <c>model_uuid</c> (v3 fixture 182); null writes none.</param>
    public static string MlModelText(ModelFolderContent content, string runId, DateTimeOffset createdUtc, string toolVersion, string modelUuid, string? loggedModelId = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(toolVersion);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelUuid);
        // MLflow stores signature schemas as JSON strings inside the YAML (ColSpec: type, name, required).
        var inputs = JsonSerializer.Serialize(content.FeatureNames.Select(n => new Dictionary<string, object> { ["type"] = "double", ["name"] = n, ["required"] = true }));
        var outputs = JsonSerializer.Serialize(new[] { new Dictionary<string, object> { ["type"] = "long", ["name"] = OutputColumn, ["required"] = true } });
        var text = new StringBuilder();
        text.Append("artifact_path: ").Append(ArtifactPath).Append('\n');
        text.Append("flavors:\n");
        text.Append("  ").Append(FlavorName).Append(":\n");
        text.Append("    pipeline: ").Append(PipelineFile).Append('\n');
        text.Append("    cluster_profile: ").Append(ProfileFile).Append('\n');
        text.Append("    algorithm: ").Append(content.Algorithm).Append('\n');
        text.Append("    format_version: ").Append(content.FormatVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("    segmentation_version: ").Append(Quote(toolVersion)).Append('\n');
        if (loggedModelId is not null)
        {
            text.Append("model_id: ").Append(loggedModelId).Append('\n');
        }

        text.Append("model_uuid: ").Append(modelUuid).Append('\n');
        text.Append("run_id: ").Append(runId).Append('\n');
        text.Append("utc_time_created: '").Append(createdUtc.UtcDateTime.ToString(MlModel.TimeFormat, CultureInfo.InvariantCulture)).Append("'\n");
        text.Append("signature:\n");
        text.Append("  inputs: ").Append(Quote(inputs)).Append('\n');
        text.Append("  outputs: ").Append(Quote(outputs)).Append('\n');
        text.Append("  params: null\n");
        return text.ToString();
    }

    /// <summary>
    /// The model as MLflow's client records it on the run (<c>runs/log-model</c>'s <c>model_json</c>, Python's
    /// <c>Model.get_tags_dict()</c>): run_id, artifact_path, utc_time_created, model_uuid and the flavors, no signature.
    /// </summary>
    public static string HistoryJson(ModelFolderContent content, string runId, DateTimeOffset createdUtc, string toolVersion, string modelUuid)
    {
        ArgumentNullException.ThrowIfNull(content);
        var flavor = new JsonObject
        {
            ["pipeline"] = PipelineFile,
            ["cluster_profile"] = ProfileFile,
            ["algorithm"] = content.Algorithm,
            // An integer in MLmodel's YAML, so an integer here, as Python reads it.
            ["format_version"] = content.FormatVersion,
            ["segmentation_version"] = toolVersion,
        };
        var model = new JsonObject
        {
            ["run_id"] = runId,
            ["artifact_path"] = ArtifactPath,
            ["utc_time_created"] = createdUtc.UtcDateTime.ToString(MlModel.TimeFormat, CultureInfo.InvariantCulture),
            ["model_uuid"] = modelUuid,
            ["flavors"] = new JsonObject { [FlavorName] = flavor },
        };
        return Runs.LoggedModelHistory.Dumps(model);
    }

    // Single-quoted YAML: only the quote itself needs escaping (doubled).
    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
