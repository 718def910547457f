namespace Segmentation.Tracking.Tags;

/// <summary>MLflow's system tag names and the values its client writes, owned here only (as <c>mlflow/utils/mlflow_tags.py</c> owns them in MLflow).</summary>
/// <remarks>The MLflow UI and other MLflow clients read these exact strings; never spell them anywhere else.</remarks>
public static class MlflowTags
{
    /// <summary>The prefix MLflow reserves for its own tags.</summary>
    public const string Prefix = "mlflow.";

    /// <summary>The run's display name (kept in step with <c>runs.name</c>).</summary>
    public const string RunName = "mlflow.runName";

    /// <summary>The parent run of a nested (child) run.</summary>
    public const string ParentRunId = "mlflow.parentRunId";

    /// <summary>The user who created the run.</summary>
    public const string User = "mlflow.user";

    /// <summary>The entry point that created the run (here the command and config).</summary>
    public const string SourceName = "mlflow.source.name";

    /// <summary>The kind of source: see <see cref="SourceTypeLocal"/>.</summary>
    public const string SourceType = "mlflow.source.type";

    /// <summary>The git commit of the working tree the run came from.</summary>
    public const string SourceGitCommit = "mlflow.source.git.commit";

    /// <summary>A Markdown description shown on the run page.</summary>
    public const string NoteContent = "mlflow.note.content";

    /// <summary>The JSON list of models logged by a run (MLflow 2.x's <c>log_model</c> bookkeeping).</summary>
    public const string LogModelHistory = "mlflow.log-model.history";

    /// <summary>Tag of an MLflow 3 logged model listing the registry versions made from it (the server writes it on registration, v3 fixture 129).</summary>
    public const string ModelVersions = "mlflow.modelVersions";

    /// <summary>Input tag of a dataset input: what the dataset was used for (see <see cref="DatasetContextTraining"/>).</summary>
    public const string DatasetContext = "mlflow.data.context";

    /// <summary>Value of <see cref="SourceType"/> for a run started on this machine.</summary>
    public const string SourceTypeLocal = "LOCAL";

    /// <summary>Value of <see cref="DatasetContext"/> for the training dataset.</summary>
    public const string DatasetContextTraining = "training";

    /// <summary>Value of <see cref="DatasetContext"/> for the dataset a monitoring run compares against (the training version).</summary>
    public const string DatasetContextReference = "reference";

    /// <summary>Value of <see cref="DatasetContext"/> for the new batch a monitoring run checks.</summary>
    public const string DatasetContextCurrent = "current";
}
