using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Segmentation.Tracking.Models;

public sealed partial class ModelFolder
{
    /// <summary>Writes the folder's files (<see cref="Files"/>) into <paramref name="directory"/> (created if missing); MLmodel last, so a folder with one is complete.</summary>
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

    /// <summary>
    /// The folder's files as (name inside the folder, UTF-8 bytes), in write order: the document (pipeline, profile and
    /// attachments), the Python loader, the input example (when the profile gives one), requirements and python_env, then
    /// MLmodel (last: a folder with an MLmodel is complete). Five files, seven with the example: each is one upload over
    /// REST, so nothing goes in that neither MLflow's format nor our readers need.
    /// </summary>
    /// <param name="loggedModelId">The MLflow 3 logged model the folder belongs to (written as MLmodel's <c>model_id</c>, as MLflow 3 does), or null.</param>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> Files(ModelFolderContent content, string runId, DateTimeOffset createdUtc, string toolVersion, string? modelUuid = null, string? loggedModelId = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        // Encoded once: MLmodel's model_size_bytes and input example entry come from the same files that are written.
        var files = ModelFiles(content, out var hasExample);
        var mlModel = MlModelText(content, runId, createdUtc, toolVersion, modelUuid ?? Guid.NewGuid().ToString("N"), loggedModelId, files.Sum(file => (long)file.Value.Length), hasExample);
        files.Add(new(RequirementsFile, Utf8.GetBytes(RequirementsText)));
        files.Add(new(PythonEnvFile, Utf8.GetBytes(PythonEnvText)));
        files.Add(new(MlModelFile, Utf8.GetBytes(mlModel)));
        return files;
    }

    /// <summary>
    /// The MLmodel YAML: artifact path, our flavor and MLflow's python_function flavor, mlflow_version, the logged model id
    /// (MLflow 3), model_size_bytes, model uuid, run id, the saved input example, creation time and the signature.
    /// </summary>
    /// <remarks>The keys the Runner's ModelDirectory wrote keep their order and bytes; the python_function keys follow MLflow's layout.</remarks>
    /// <param name="loggedModelId">MLflow 3's logged model id, written as <c>model_id</c> (v3 fixture 182); null writes none.</param>
    public static string MlModelText(ModelFolderContent content, string runId, DateTimeOffset createdUtc, string toolVersion, string modelUuid, string? loggedModelId = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        return MlModelText(content, runId, createdUtc, toolVersion, modelUuid, loggedModelId, ModelSizeBytes(content), InputExample(content) is not null);
    }

    private static string MlModelText(
        ModelFolderContent content, string runId, DateTimeOffset createdUtc, string toolVersion, string modelUuid, string? loggedModelId, long modelSizeBytes, bool hasExample)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(toolVersion);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelUuid);
        // MLflow stores signature schemas as JSON strings inside the YAML (ColSpec: type, name, required).
        var inputs = JsonSerializer.Serialize(content.FeatureNames.Select(n => new ModelColumn(n, "double", Required: true)).ToArray(), ModelJsonContext.Default.ModelColumnArray);
        var outputs = JsonSerializer.Serialize([new ModelColumn(OutputColumn, "long", Required: true)], ModelJsonContext.Default.ModelColumnArray);
        var text = new StringBuilder();
        text.Append("artifact_path: ").Append(ArtifactPath).Append('\n');
        text.Append("flavors:\n");
        text.Append("  ").Append(FlavorName).Append(":\n");
        text.Append("    document: ").Append(DocumentFile).Append('\n');
        text.Append("    algorithm: ").Append(content.Algorithm).Append('\n');
        text.Append("    format_version: ").Append(content.FormatVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("    segmentation_version: ").Append(Quote(toolVersion)).Append('\n');
        // As mlflow.pyfunc.add_to_model writes it: MLflow puts `code` on sys.path, imports loader_module and calls _load_pyfunc(data).
        text.Append("  ").Append(PythonFlavorName).Append(":\n");
        text.Append("    code: ").Append(CodeDirectory).Append('\n');
        text.Append("    data: ").Append(DocumentFile).Append('\n');
        text.Append("    env:\n");
        text.Append("      virtualenv: ").Append(PythonEnvFile).Append('\n');
        text.Append("    loader_module: ").Append(LoaderModule).Append('\n');
        text.Append("    python_version: ").Append(PythonVersion).Append('\n');
        // MLflow's Model.metadata (a free-form mapping, written between flavors and mlflow_version as MLflow sorts keys).
        if (content.SegmentNames is { Count: > 0 } names)
        {
            text.Append("metadata:\n");
            text.Append("  ").Append(MlModel.SegmentNamesKey).Append(":\n");
            foreach (var (segment, name) in names.OrderBy(n => n.Key))
            {
                text.Append("    ").Append(Quote(segment.ToString(CultureInfo.InvariantCulture))).Append(": ").Append(Quote(name)).Append('\n');
            }
        }

        text.Append("mlflow_version: ").Append(MlflowVersion).Append('\n');
        if (loggedModelId is not null)
        {
            text.Append("model_id: ").Append(loggedModelId).Append('\n');
        }

        text.Append("model_size_bytes: ").Append(modelSizeBytes.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("model_uuid: ").Append(modelUuid).Append('\n');
        text.Append("run_id: ").Append(runId).Append('\n');
        if (hasExample)
        {
            text.Append("saved_input_example_info:\n");
            text.Append("  artifact_path: ").Append(InputExampleFile).Append('\n');
            text.Append("  pandas_orient: split\n");
            text.Append("  serving_input_path: ").Append(ServingInputExampleFile).Append('\n');
            text.Append("  type: dataframe\n");
        }

        text.Append("utc_time_created: '").Append(createdUtc.UtcDateTime.ToString(MlModel.TimeFormat, CultureInfo.InvariantCulture)).Append("'\n");
        text.Append("signature:\n");
        text.Append("  inputs: ").Append(Quote(inputs)).Append('\n');
        text.Append("  outputs: ").Append(Quote(outputs)).Append('\n');
        text.Append("  params: null\n");
        return text.ToString();
    }

    /// <summary>
    /// model_size_bytes as MLflow's flavors compute it (<c>get_total_file_size</c> over the folder just before MLmodel is written):
    /// the bytes of every file except MLmodel and the environment files (requirements.txt, python_env.yaml), which MLflow writes after it.
    /// </summary>
    public static long ModelSizeBytes(ModelFolderContent content) => ModelFiles(content, out _).Sum(file => (long)file.Value.Length);

    /// <summary>
    /// The model as MLflow's client records it on the run (<c>runs/log-model</c>'s <c>model_json</c>, Python's
    /// <c>Model.get_tags_dict()</c>): run_id, artifact_path, utc_time_created, model_uuid and the flavors, no signature.
    /// </summary>
    public static string HistoryJson(ModelFolderContent content, string runId, DateTimeOffset createdUtc, string toolVersion, string modelUuid)
    {
        ArgumentNullException.ThrowIfNull(content);
        var flavor = new JsonObject
        {
            ["document"] = DocumentFile,
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
            ["flavors"] = new JsonObject
            {
                [FlavorName] = flavor,
                [PythonFlavorName] = new JsonObject
                {
                    ["code"] = CodeDirectory,
                    ["data"] = DocumentFile,
                    ["env"] = new JsonObject { ["virtualenv"] = PythonEnvFile },
                    ["loader_module"] = LoaderModule,
                    ["python_version"] = PythonVersion,
                },
            },
        };
        return Runs.LoggedModelHistory.Dumps(model);
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // The files model_size_bytes counts, in write order: everything before the environment files and MLmodel.
    private static List<KeyValuePair<string, byte[]>> ModelFiles(ModelFolderContent content, out bool hasExample)
    {
        ArgumentNullException.ThrowIfNull(content);
        foreach (var name in (content.Attachments ?? new Dictionary<string, string>()).Keys)
        {
            // Attachment names are also the file names of the layout before the document, so they must not name the folder's own files.
            if (name is MlModelFile or DocumentFile or PipelineFile or ProfileFile or RequirementsFile or PythonEnvFile or LoaderFile or InputExampleFile or ServingInputExampleFile
                || name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
            {
                throw new ArgumentException($"model folder attachment '{name}' must be a plain file name other than the folder's own files", nameof(content));
            }
        }

        List<KeyValuePair<string, byte[]>> files = [new(DocumentFile, ModelDocument.Write(content)), new(LoaderFile, LoaderBytes.Value)];
        // MLflow's format for a DataFrame example (what mlflow.models.Model.load_input_example and the UI's usage snippet read).
        var example = InputExample(content);
        hasExample = example is not null;
        if (example is not null)
        {
            files.Add(new(InputExampleFile, Utf8.GetBytes(example.ToJsonString())));
            files.Add(new(ServingInputExampleFile, Utf8.GetBytes(new JsonObject { ["dataframe_split"] = example.DeepClone() }.ToJsonString())));
        }

        return files;
    }

    // Single-quoted YAML: only the quote itself needs escaping (doubled).
    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
