namespace Segmentation.Tracking.Models;

/// <summary>
/// The model folder (artifact path <c>model</c>): an <c>MLmodel</c> YAML file with our flavor and MLflow's python_function
/// flavor, the Python loader, the environment files, and one document (<see cref="DocumentFile"/>) holding everything our own
/// readers need: the fitted pipeline, the cluster profile and the attachments (segments, training params, products). The single
/// owner of its layout and file names: it writes, uploads, downloads and reads it.
/// </summary>
/// <remarks>
/// One document rather than a file each because every file is one upload request per trial over REST (issue 10 §4); folders
/// written before it (<see cref="PipelineFile"/>, <see cref="ProfileFile"/> and one file per attachment) are still read.
/// </remarks>
/// <remarks>
/// Split by concern: writing (<c>ModelFolder.Write.cs</c>), reading (<c>ModelFolder.Read.cs</c>) and moving it to and from a
/// run (<c>ModelFolder.Transfer.cs</c>). An instance is a folder read back from disk; predict, serve and drift load models through it.
/// </remarks>
public sealed partial class ModelFolder
{
    /// <summary>Artifact path of the model folder inside a run.</summary>
    public const string ArtifactPath = "model";

    /// <summary>File name of MLflow's model descriptor.</summary>
    public const string MlModelFile = "MLmodel";

    /// <summary>Our MLflow flavor name.</summary>
    public const string FlavorName = "segmentation";

    /// <summary>File name of the folder's document: pipeline, cluster profile and attachments (<see cref="ModelDocument"/>).</summary>
    public const string DocumentFile = "segmentation.json";

    /// <summary>File name of the fitted pipeline in folders written before <see cref="DocumentFile"/> (read only).</summary>
    public const string PipelineFile = "pipeline.json";

    /// <summary>File name of the cluster profile in folders written before <see cref="DocumentFile"/> (read only).</summary>
    public const string ProfileFile = "cluster_profile.csv";

    /// <summary>Name of the signature's single output column.</summary>
    public const string OutputColumn = "segment";

    private readonly IReadOnlyDictionary<string, string> _attachments;

    private ModelFolder(
        string directoryPath, MlModel mlModel, IReadOnlyDictionary<string, string> flavor, string pipelineJson, string? clusterProfileCsv,
        IReadOnlyDictionary<string, string> attachments, string pipelinePath, string? documentPath)
    {
        DirectoryPath = directoryPath;
        PipelinePath = pipelinePath;
        DocumentPath = documentPath;
        MlModel = mlModel;
        Flavor = flavor;
        PipelineJson = pipelineJson;
        ClusterProfileCsv = clusterProfileCsv;
        _attachments = attachments;
    }

    /// <summary>The absolute path of the folder read.</summary>
    public string DirectoryPath { get; }

    /// <summary>The document's path, or null for a folder written before it (separate files).</summary>
    public string? DocumentPath { get; }

    /// <summary>The file the pipeline was read from (the document, or an older folder's <see cref="PipelineFile"/>), for messages.</summary>
    public string PipelinePath { get; }

    /// <summary>The parsed MLmodel file.</summary>
    public MlModel MlModel { get; }

    /// <summary>Our flavor's settings in MLmodel (document, algorithm, format_version, segmentation_version; older folders: pipeline, cluster_profile).</summary>
    public IReadOnlyDictionary<string, string> Flavor { get; }

    /// <summary>The fitted pipeline's JSON text.</summary>
    public string PipelineJson { get; }

    /// <summary>The cluster profile CSV, or null when the folder has none.</summary>
    public string? ClusterProfileCsv { get; }

    /// <summary>
    /// The text of the attachment written as <paramref name="fileName"/> (<see cref="ModelFolderContent.Attachments"/>, e.g.
    /// <c>segments.json</c>), from the folder's document, or in a folder written before it from the file of that name; null when the model has none.
    /// </summary>
    public string? Attachment(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        return _attachments.GetValueOrDefault(fileName);
    }

    /// <summary>Where <see cref="Attachment"/> reads <paramref name="fileName"/> from, for messages: the document and the attachment's name, or the file.</summary>
    public string AttachmentSource(string fileName) =>
        DocumentPath is { } document ? $"{document} (attachment {fileName})" : Path.Combine(DirectoryPath, fileName);

    /// <summary>The run the model was logged to, or null.</summary>
    public string? RunId => MlModel.RunId;

    /// <summary>The input feature names, in signature order.</summary>
    public IReadOnlyList<string> FeatureNames => [.. MlModel.Inputs.Select(c => c.Name)];

    /// <summary>The clustering algorithm's name, or null when the flavor does not say.</summary>
    public string? Algorithm => Flavor.GetValueOrDefault("algorithm");

    /// <summary>The segment names MLmodel records (<c>metadata.segment_names</c>), by label; empty for folders written before them.</summary>
    public IReadOnlyDictionary<int, string> SegmentNames => MlModel.SegmentNames;

    /// <summary>The pipeline JSON's format version, or null when the flavor does not say.</summary>
    public int? FormatVersion => int.TryParse(Flavor.GetValueOrDefault("format_version"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : null;

    /// <summary>The version of this tool that wrote the folder, or null.</summary>
    public string? ToolVersion => Flavor.GetValueOrDefault("segmentation_version");
}
