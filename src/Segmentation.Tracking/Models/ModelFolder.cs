namespace Segmentation.Tracking.Models;

/// <summary>
/// The model folder (artifact path <c>model</c>): an <c>MLmodel</c> YAML file with our flavor, the fitted pipeline as JSON
/// and the cluster profile. The single owner of its layout and file names: it writes, uploads, downloads and reads it.
/// </summary>
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

    /// <summary>File name of the fitted pipeline inside the folder.</summary>
    public const string PipelineFile = "pipeline.json";

    /// <summary>File name of the cluster profile inside the folder.</summary>
    public const string ProfileFile = "cluster_profile.csv";

    /// <summary>Name of the signature's single output column.</summary>
    public const string OutputColumn = "segment";

    private ModelFolder(string directoryPath, MlModel mlModel, IReadOnlyDictionary<string, string> flavor, string pipelineJson, string? clusterProfileCsv)
    {
        DirectoryPath = directoryPath;
        MlModel = mlModel;
        Flavor = flavor;
        PipelineJson = pipelineJson;
        ClusterProfileCsv = clusterProfileCsv;
    }

    /// <summary>The absolute path of the folder read.</summary>
    public string DirectoryPath { get; }

    /// <summary>The parsed MLmodel file.</summary>
    public MlModel MlModel { get; }

    /// <summary>Our flavor's settings in MLmodel (pipeline, cluster_profile, algorithm, format_version, segmentation_version).</summary>
    public IReadOnlyDictionary<string, string> Flavor { get; }

    /// <summary>The fitted pipeline's JSON text.</summary>
    public string PipelineJson { get; }

    /// <summary>The cluster profile CSV, or null when the folder has none.</summary>
    public string? ClusterProfileCsv { get; }

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
