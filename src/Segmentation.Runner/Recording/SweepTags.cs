namespace Segmentation.Runner.Recording;

/// <summary>Tag names a sweep writes: MLflow's system tags as its own client writes them, and ours under one prefix.</summary>
public static class SweepTags
{
    /// <summary>MLflow: the user who ran it.</summary>
    public const string User = "mlflow.user";

    /// <summary>MLflow: the entry point (here the command and config).</summary>
    public const string SourceName = "mlflow.source.name";

    /// <summary>MLflow: the source type (LOCAL).</summary>
    public const string SourceType = "mlflow.source.type";

    /// <summary>MLflow: the git commit of the working tree.</summary>
    public const string GitCommit = "mlflow.source.git.commit";

    /// <summary>MLflow: Markdown description shown on the run page.</summary>
    public const string Note = "mlflow.note.content";

    /// <summary>MLflow: the parent run of a child run.</summary>
    public const string ParentRunId = "mlflow.parentRunId";

    /// <summary>Ours: a trial's hash (dataset digest + params + tool version).</summary>
    public const string TrialHash = "segmentation.trial_hash";

    /// <summary>Ours: digest of the training table.</summary>
    public const string DatasetDigest = "segmentation.dataset_digest";

    /// <summary>Ours: hash of the effective sweep config.</summary>
    public const string ConfigHash = "segmentation.config_hash";

    /// <summary>Ours: the sweep key (config hash + dataset digest) shared by the parent and all its trials, across shards.</summary>
    public const string SweepId = "segmentation.sweep_id";

    /// <summary>Ours: <c>sweep</c> on a parent run, <c>trial</c> on a child run.</summary>
    public const string RunKind = "segmentation.run_kind";

    /// <summary>Ours: why a trial failed (first line of the error).</summary>
    public const string Error = "segmentation.error";

    /// <summary>Ours, on the parent: run id of the best eligible trial.</summary>
    public const string BestRunId = "segmentation.best_run_id";

    /// <summary>Ours, on the parent: run name of the best eligible trial.</summary>
    public const string BestRunName = "segmentation.best_run_name";

    /// <summary>Ours, on the parent: trial hash of the best eligible trial.</summary>
    public const string BestTrialHash = "segmentation.best_trial_hash";

    /// <summary>Ours, on the parent: the objective, e.g. <c>silhouette maximize</c>.</summary>
    public const string Objective = "segmentation.objective";

    /// <summary>Value of <see cref="RunKind"/> on a parent run.</summary>
    public const string KindSweep = "sweep";

    /// <summary>Value of <see cref="RunKind"/> on a trial run.</summary>
    public const string KindTrial = "trial";
}
