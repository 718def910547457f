using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Models;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Sqlite;
using Segmentation.Tracking.Tests.Sqlite;

namespace Segmentation.Tracking.Tests.Models;

public sealed class ModelFolderTests : IDisposable
{
    private const string RunId = "0123456789abcdef0123456789abcdef";
    private const string Uuid = "00112233445566778899aabbccddeeff";

    // Written by Segmentation.Runner's ModelDirectory.MlModel (before the model folder moved here) for the same inputs: a KMeans
    // pipeline on these three features, this run id and time, tool version "0.1.0+abc'def"; only model_uuid was random. Updated on
    // purpose for the python_function flavor (issue 10): that flavor, mlflow_version, model_size_bytes ({size}: it follows the
    // loader's source) and saved_input_example_info were new; then (issue 10 §4) the pipeline and profile moved into one document
    // (flavor key document, python_function data); the input example stays (MLflow's format for a DataFrame example).
    private const string GoldenMlModel =
        "artifact_path: model\n"
        + "flavors:\n"
        + "  segmentation:\n"
        + "    document: segmentation.json\n"
        + "    algorithm: kmeans\n"
        + "    format_version: 1\n"
        + "    segmentation_version: '0.1.0+abc''def'\n"
        + "  python_function:\n"
        + "    code: code\n"
        + "    data: segmentation.json\n"
        + "    env:\n"
        + "      virtualenv: python_env.yaml\n"
        + "    loader_module: segmentation_pyfunc\n"
        + "    python_version: 3.11.2\n"
        + "mlflow_version: 2.17.2\n"
        + "model_size_bytes: {size}\n"
        + "model_uuid: 00112233445566778899aabbccddeeff\n"
        + "run_id: 0123456789abcdef0123456789abcdef\n"
        + "saved_input_example_info:\n"
        + "  artifact_path: input_example.json\n"
        + "  pandas_orient: split\n"
        + "  serving_input_path: serving_input_example.json\n"
        + "  type: dataframe\n"
        + "utc_time_created: '2026-11-23 12:34:56.789012'\n"
        + "signature:\n"
        + "  inputs: '[{\"type\":\"double\",\"name\":\"recency\",\"required\":true},{\"type\":\"double\",\"name\":\"frequency\",\"required\":true},{\"type\":\"double\",\"name\":\"monetary\",\"required\":true}]'\n"
        + "  outputs: '[{\"type\":\"long\",\"name\":\"segment\",\"required\":true}]'\n"
        + "  params: null\n";

    private static readonly DateTimeOffset Created = new DateTimeOffset(2026, 11, 23, 12, 34, 56, 789, TimeSpan.Zero).AddTicks(120);

    private static readonly ModelFolderContent Content = new(
        "{\n  \"formatVersion\": 1,\n  \"model\": { \"kind\": \"kmeans\" }\n}",
        ["recency", "frequency", "monetary"],
        "kmeans",
        1,
        "segment,size,share,mean_recency,mean_frequency,mean_monetary\n0,10,0.5,12.5,3,250.25\n1,10,0.5,200,1,40\n");

    private static string Golden => GoldenMlModel.Replace("{size}", ModelFolder.ModelSizeBytes(Content).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "seg-model-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void MlModelText_KnownInputs_IsTheRunnersModelDirectoryPlusThePythonFunctionFlavor()
    {
        Assert.Equal(Golden, ModelFolder.MlModelText(Content, RunId, Created, "0.1.0+abc'def", Uuid));
    }

    [Fact]
    public void Write_ThenRead_RoundTripsContentAndMlModelFields()
    {
        ModelFolder.Write(_directory, Content, RunId, Created, "0.1.0+abc'def", Uuid);

        var folder = ModelFolder.Read(_directory);

        Assert.Equal(Golden, File.ReadAllText(Path.Combine(_directory, ModelFolder.MlModelFile)));
        // The pipeline is embedded in the document, so its whitespace follows the document's; its tokens are the ones written.
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(Content.PipelineJson), System.Text.Json.Nodes.JsonNode.Parse(folder.PipelineJson)));
        Assert.Equal(Content.ClusterProfileCsv, folder.ClusterProfileCsv);
        Assert.Equal(Content.FeatureNames, folder.FeatureNames);
        Assert.Equal("kmeans", folder.Algorithm);
        Assert.Equal(1, folder.FormatVersion);
        Assert.Equal("0.1.0+abc'def", folder.ToolVersion);
        Assert.Equal(RunId, folder.RunId);
        Assert.Equal("model", folder.MlModel.ArtifactPath);
        Assert.Equal(Uuid, folder.MlModel.ModelUuid);
        Assert.Equal(Created, folder.MlModel.UtcTimeCreated);
        Assert.Equal([new ModelColumn("segment", "long", true)], folder.MlModel.Outputs);
        Assert.All(folder.MlModel.Inputs, c => Assert.Equal("double", c.Type));
    }

    [Fact]
    public void Write_WithSegmentNames_MlModelMetadataCarriesThemAndReadsBack()
    {
        var named = Content with { SegmentNames = new Dictionary<int, string> { [1] = "Can't lose them", [0] = "Champions", [-1] = "noise" } };

        ModelFolder.Write(_directory, named, RunId, Created, "0.1.0", Uuid);
        var text = File.ReadAllText(Path.Combine(_directory, ModelFolder.MlModelFile));
        var folder = ModelFolder.Read(_directory);

        // As MLflow sorts MLmodel's keys: metadata between flavors and mlflow_version; labels as strings, in label order.
        Assert.Contains("    python_version: 3.11.2\nmetadata:\n  segment_names:\n    '-1': 'noise'\n    '0': 'Champions'\n    '1': 'Can''t lose them'\nmlflow_version: 2.17.2\n", text, StringComparison.Ordinal);
        Assert.Equal(named.SegmentNames.OrderBy(n => n.Key), folder.SegmentNames.OrderBy(n => n.Key));
    }

    [Fact]
    public void Read_WithoutMetadata_NoSegmentNames()
    {
        ModelFolder.Write(_directory, Content, RunId, Created, "0.1.0", Uuid);

        Assert.Empty(ModelFolder.Read(_directory).SegmentNames);
    }

    [Fact]
    public void Parse_SegmentNameLabelNotAnInteger_ThrowsNamingTheFileAndTheKey()
    {
        var error = Assert.Throws<ModelFolderException>(() => MlModel.Parse("metadata:\n  segment_names:\n    first: Champions\n", "m/MLmodel"));

        Assert.Contains("'m/MLmodel'", error.Message, StringComparison.Ordinal);
        Assert.Contains("metadata.segment_names", error.Message, StringComparison.Ordinal);
        Assert.Contains("first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NoUuidGiven_DrawsAFreshOnePerModel()
    {
        var first = ModelFolder.Files(Content, RunId, Created, "0.1.0")[^1].Value;
        var second = ModelFolder.Files(Content, RunId, Created, "0.1.0")[^1].Value;

        Assert.NotEqual(first, second);
        Assert.Matches("model_uuid: [0-9a-f]{32}\n", System.Text.Encoding.UTF8.GetString(first));
    }

    [Fact]
    public void Read_NoMlModel_ThrowsNamingTheMissingFile()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, ModelFolder.PipelineFile), "{}");

        var error = Assert.Throws<ModelFolderException>(() => ModelFolder.Read(_directory));

        var expected = Path.Combine(Path.GetFullPath(_directory), ModelFolder.MlModelFile);
        Assert.Equal(expected, error.FilePath);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a model folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MlflowModelWithoutOurFlavor_ThrowsNamingTheFileAndTheFlavorsFound()
    {
        Directory.CreateDirectory(_directory);
        // An MLmodel as MLflow's sklearn flavor writes it (nested maps, spaced JSON in the signature).
        File.WriteAllText(Path.Combine(_directory, ModelFolder.MlModelFile), """
            artifact_path: model
            flavors:
              python_function:
                env:
                  conda: conda.yaml
                  virtualenv: python_env.yaml
                loader_module: mlflow.sklearn
                model_path: model.pkl
                python_version: 3.11.9
              sklearn:
                pickled_model: model.pkl
                sklearn_version: 1.5.2
            mlflow_version: 2.17.2
            model_uuid: 5a1f0d3e2b7c4e8f9a6b1c2d3e4f5a6b
            run_id: 9f8e7d6c5b4a39281706f5e4d3c2b1a0
            signature:
              inputs: '[{"type": "double", "name": "x", "required": true}]'
              outputs: '[{"type": "long", "required": true}]'
              params: null
            utc_time_created: '2024-11-05 10:20:30.123456'
            """);

        var error = Assert.Throws<ModelFolderException>(() => ModelFolder.Read(_directory));

        Assert.Contains(Path.Combine(Path.GetFullPath(_directory), ModelFolder.MlModelFile), error.Message, StringComparison.Ordinal);
        Assert.Contains("no 'segmentation' flavor (flavors: python_function, sklearn)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MlflowWrittenMlModel_ReadsFlavorsSignatureAndTime()
    {
        var model = MlModel.Parse("""
            flavors:
              python_function:
                env:
                  conda: conda.yaml
                loader_module: mlflow.sklearn
            run_id: abc
            signature:
              inputs: '[{"type": "double", "name": "x", "required": true}, {"type": "string", "name": "c", "required": false}]'
              outputs: '[{"type": "long", "required": true}]'
            utc_time_created: '2024-11-05 10:20:30.123456'
            """, "MLmodel");

        Assert.Equal("mlflow.sklearn", model.Flavors["python_function"]["loader_module"]);
        Assert.False(model.Flavors["python_function"].ContainsKey("env"));
        Assert.Equal([new ModelColumn("x", "double", true), new ModelColumn("c", "string", false)], model.Inputs);
        Assert.Equal([new ModelColumn(string.Empty, "long", true)], model.Outputs);
        Assert.Equal(new DateTimeOffset(2024, 11, 5, 10, 20, 30, 123, TimeSpan.Zero).AddTicks(4560), model.UtcTimeCreated);
        Assert.Null(model.ArtifactPath);
    }

    [Fact]
    public void Read_DocumentMissing_ThrowsNamingTheDocument()
    {
        ModelFolder.Write(_directory, Content, RunId, Created, "0.1.0", Uuid);
        File.Delete(Path.Combine(_directory, ModelFolder.DocumentFile));

        var error = Assert.Throws<ModelFolderException>(() => ModelFolder.Read(_directory));

        var expected = Path.Combine(Path.GetFullPath(_directory), ModelFolder.DocumentFile);
        Assert.Equal(expected, error.FilePath);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"scaler\": ", "the pipeline is not valid JSON")]
    [InlineData("null", "the pipeline is the JSON null")]
    [InlineData("{} {}", "the pipeline is not valid JSON")]
    [InlineData("{\"a\": 1} x", "the pipeline is not valid JSON")]
    public void Write_PipelineNotOneJsonValue_ThrowsNamingIt(string pipeline, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => ModelFolder.Write(_directory, Content with { PipelineJson = pipeline }, RunId, Created, "0.1.0", Uuid));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PipelineWithItsOwnLayout_ReadsBackAsTheSameJson()
    {
        // The pipeline goes into the document as it was written (not re-formatted): what is read back is the same value.
        const string pipeline = "{\n  \"scaler\": {\"kind\": \"standard\", \"mean\": [0.1, 1e-300, -2.5E+3]},\n  \"labels\": [1,\n 2]\n}";

        ModelFolder.Write(_directory, Content with { PipelineJson = pipeline }, RunId, Created, "0.1.0", Uuid);
        var read = ModelFolder.Read(_directory);

        Assert.Equal(
            System.Text.Json.Nodes.JsonNode.Parse(pipeline)!.ToJsonString(),
            System.Text.Json.Nodes.JsonNode.Parse(read.PipelineJson)!.ToJsonString());
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, ModelFolder.DocumentFile)));
        Assert.Equal(1, document.RootElement.GetProperty("segmentation_model").GetInt32());
    }

    [Theory]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("{\"segmentation_model\": 2, \"pipeline\": {}}", "layout 2")]
    [InlineData("{\"segmentation_model\": 1}", "no \"pipeline\" object")]
    [InlineData("{\"segmentation_model\": 1, \"pipeline\": {}, \"attachments\": {\"segment_products.csv\": 3}}", "attachments.segment_products.csv")]
    [InlineData("{\"segmentation_model\": 1, \"pipeline\": {", "not valid JSON")]
    public void Read_BadDocument_ThrowsNamingTheDocumentAndTheProblem(string document, string problem)
    {
        ModelFolder.Write(_directory, Content, RunId, Created, "0.1.0", Uuid);
        var path = Path.Combine(Path.GetFullPath(_directory), ModelFolder.DocumentFile);
        File.WriteAllText(path, document);

        var error = Assert.Throws<ModelFolderException>(() => ModelFolder.Read(_directory));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MlModelNotYaml_ThrowsNamingTheFile()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, ModelFolder.MlModelFile), "flavors: [unclosed\n  : :");

        var error = Assert.Throws<ModelFolderException>(() => ModelFolder.Read(_directory));

        Assert.Contains(Path.Combine(Path.GetFullPath(_directory), ModelFolder.MlModelFile), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadDirectory_NotOurModelFolder_IsRefusedBeforeAnythingIsUploaded()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "notes.txt"), "not a model");
        using var store = SqliteTrackingStore.Open(Path.Combine(_directory, "db", "mlflow.db"), TimeProvider.System);
        var experiment = await store.GetOrCreateExperimentAsync("models");
        var run = await store.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "trial", 1_700_000_000_000, null, null));

        await Assert.ThrowsAsync<ModelFolderException>(() => ModelFolder.UploadAsync(store, run.Info.RunId, _directory));

        Assert.Empty(await store.ListArtifactsAsync(run.Info.RunId));
    }

    [Fact]
    public void Files_WithAttachments_InTheOneDocumentBeforeMlModelWhichStaysLast()
    {
        var content = Content with { Attachments = new Dictionary<string, string> { ["segments.json"] = "{}", ["training_params.json"] = "{\"a\":1}", ["segment_products.csv"] = "segment,rank\n0,1\n" } };

        var files = ModelFolder.Files(content, "run1", DateTimeOffset.UnixEpoch, "0.1.0", "uuid");

        Assert.Equal(
            [ModelFolder.DocumentFile, ModelFolder.LoaderFile, ModelFolder.InputExampleFile, ModelFolder.ServingInputExampleFile, ModelFolder.RequirementsFile, ModelFolder.PythonEnvFile, ModelFolder.MlModelFile],
            files.Select(f => f.Key));
        ModelFolder.Write(_directory, content, "run1", DateTimeOffset.UnixEpoch, "0.1.0", "uuid");
        var folder = ModelFolder.Read(_directory);
        // JSON is embedded as JSON (re-indented with the document), CSV stays its text byte for byte so its table reader reads it unchanged.
        Assert.Equal(1, System.Text.Json.Nodes.JsonNode.Parse(folder.Attachment("training_params.json")!)!["a"]!.GetValue<int>());
        Assert.Equal("segment,rank\n0,1\n", folder.Attachment("segment_products.csv"));
        Assert.Null(folder.Attachment("absent.json"));
        Assert.Equal(Path.Combine(folder.DirectoryPath, ModelFolder.DocumentFile) + " (attachment segment_products.csv)", folder.AttachmentSource("segment_products.csv"));
        // model_size_bytes counts the attachments, as MLflow counts every file saved before MLmodel.
        Assert.True(ModelFolder.ModelSizeBytes(content) > ModelFolder.ModelSizeBytes(Content));
    }

    [Theory]
    [InlineData("MLmodel")]
    [InlineData("pipeline.json")]
    [InlineData("segmentation.json")]
    [InlineData("input_example.json")]
    [InlineData("sub/file.json")]
    public void Files_AttachmentShadowingOrNested_Refused(string name)
    {
        var content = Content with { Attachments = new Dictionary<string, string> { [name] = "x" } };

        Assert.Throws<ArgumentException>(() => ModelFolder.Files(content, "run1", DateTimeOffset.UnixEpoch, "0.1.0", "uuid"));
    }
}
