namespace Segmentation.Tracking.Tags;

/// <summary>This project's own run and model-version tag names (prefix <c>segmentation.</c>) and their fixed values, owned here only.</summary>
public static class SegmentationTags
{
    /// <summary>The prefix every tag of ours starts with.</summary>
    public const string Prefix = "segmentation.";

    /// <summary>A trial's hash (dataset digest + params + tool version); also on the promoted model version.</summary>
    public const string TrialHash = "segmentation.trial_hash";

    /// <summary>Digest of the training table.</summary>
    public const string DatasetDigest = "segmentation.dataset_digest";

    /// <summary>Hash of the effective sweep config.</summary>
    public const string ConfigHash = "segmentation.config_hash";

    /// <summary>The sweep key (config hash + dataset digest) shared by the parent and all its trials, across shards.</summary>
    public const string SweepId = "segmentation.sweep_id";

    /// <summary>A trial's search strategy (<c>grid</c>, <c>random</c>, <c>tpe</c>, <c>halving</c>): the runs table can filter and group by it.</summary>
    public const string Strategy = "segmentation.strategy";

    /// <summary>A successive-halving trial's rung (0 = the smallest subsample); absent for the other strategies.</summary>
    public const string Rung = "segmentation.rung";

    /// <summary>The share of the customers a trial was fitted on: <c>1</c> for full-data trials, the only ones eligible for selection.</summary>
    public const string Fraction = "segmentation.fraction";

    /// <summary><see cref="RunKindSweep"/> on a parent run, <see cref="RunKindTrial"/> on a child run.</summary>
    public const string RunKind = "segmentation.run_kind";

    /// <summary>Value of <see cref="RunKind"/> on a sweep's parent run.</summary>
    public const string RunKindSweep = "sweep";

    /// <summary>Value of <see cref="RunKind"/> on a trial's run.</summary>
    public const string RunKindTrial = "trial";

    /// <summary>Value of <see cref="RunKind"/> on a parent run still competing to be its sweep's one parent (see the Runner's <c>ParentClaim</c>).</summary>
    public const string RunKindSweepCandidate = "sweep_candidate";

    /// <summary>Value of <see cref="RunKind"/> on a parent candidate that lost its claim (closed KILLED; never a parent).</summary>
    public const string RunKindWithdrawn = "withdrawn";

    /// <summary>On a RUNNING trial or parent run: the owner's clock (Unix ms) when it last proved it is alive.</summary>
    public const string Heartbeat = "segmentation.heartbeat";

    /// <summary>How the claim protocol closed a run: <see cref="ClaimLost"/> or <see cref="ClaimOrphaned"/>; absent on runs it did not close.</summary>
    public const string Claim = "segmentation.claim";

    /// <summary>Value of <see cref="Claim"/>: another run of the same trial (or parent) was claimed concurrently; this one was withdrawn KILLED.</summary>
    public const string ClaimLost = "lost";

    /// <summary>Value of <see cref="Claim"/>: the run's process stopped its heartbeat; the run was closed FAILED by a resume or <c>runs gc</c>.</summary>
    public const string ClaimOrphaned = "orphaned";

    /// <summary>Why a trial failed (first line of the error).</summary>
    public const string Error = "segmentation.error";

    /// <summary>On the parent: run id of the best eligible trial.</summary>
    public const string BestRunId = "segmentation.best_run_id";

    /// <summary>On the parent: run name of the best eligible trial.</summary>
    public const string BestRunName = "segmentation.best_run_name";

    /// <summary>On the parent: trial hash of the best eligible trial.</summary>
    public const string BestTrialHash = "segmentation.best_trial_hash";

    /// <summary>On the parent: the objective, e.g. <c>silhouette maximize</c>.</summary>
    public const string Objective = "segmentation.objective";

    /// <summary>
    /// On a parent: prefix of the current value of a param that changed since it was first logged (MLflow params are
    /// immutable), e.g. <c>segmentation.updated_param.elbow_k</c> after a resumed sweep moved the elbow.
    /// </summary>
    public const string UpdatedParamPrefix = "segmentation.updated_param.";

    /// <summary>The client-generated id of a run or model-version creation, used by the REST store to find what a create whose response was lost made.</summary>
    public const string ClientRequestId = "segmentation.client_request_id";

    /// <summary>On a promoted model version: the gate decision (<c>promoted</c>).</summary>
    public const string PromotionDecision = "segmentation.promotion.decision";

    /// <summary>On a promoted model version: the gate thresholds as text, e.g. <c>silhouette &gt;= 0.35</c>.</summary>
    public const string PromotionGate = "segmentation.promotion.gate";

    /// <summary>On a promoted model version: the objective, e.g. <c>silhouette (maximize)</c>.</summary>
    public const string PromotionObjective = "segmentation.promotion.objective";

    /// <summary>On a promoted model version: the target, <c>stage:Production</c> or <c>alias:champion</c>.</summary>
    public const string PromotionTarget = "segmentation.promotion.target";

    /// <summary>On a promoted model version: the experiment name.</summary>
    public const string PromotionExperiment = "segmentation.promotion.experiment";

    /// <summary>On a promoted model version: the sweep's parent run id.</summary>
    public const string PromotionParentRunId = "segmentation.promotion.parent_run_id";

    /// <summary>On a promoted model version: when the decision was made, ISO 8601 UTC.</summary>
    public const string PromotionDecidedAt = "segmentation.promotion.decided_at";

    /// <summary>On a promoted model version: prefix of one tag per metric of the promoted trial, e.g. <c>segmentation.metric.silhouette</c>.</summary>
    public const string MetricPrefix = "segmentation.metric.";

    /// <summary>On a monitoring run (<c>segment drift</c>): the registered name of the model checked.</summary>
    public const string MonitoringModelName = "segmentation.monitoring.model_name";

    /// <summary>On a monitoring run: the registry version of the model checked (absent for an unregistered model).</summary>
    public const string MonitoringModelVersion = "segmentation.monitoring.model_version";

    /// <summary>On a monitoring run: the run the model checked was trained in.</summary>
    public const string MonitoringModelRunId = "segmentation.monitoring.model_run_id";

    /// <summary>On a monitoring run: the overall drift status (stable, warn or alert).</summary>
    public const string MonitoringStatus = "segmentation.monitoring.status";
}
