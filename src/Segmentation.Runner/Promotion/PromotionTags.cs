namespace Segmentation.Runner.Promotion;

/// <summary>The model-version tags a promotion records, under the project's <c>segmentation.</c> prefix.</summary>
public static class PromotionTags
{
    /// <summary>The gate decision (<c>promoted</c>).</summary>
    public const string Decision = "segmentation.promotion.decision";

    /// <summary>The gate thresholds as text, e.g. <c>silhouette &gt;= 0.35</c>.</summary>
    public const string Gate = "segmentation.promotion.gate";

    /// <summary>The objective, e.g. <c>silhouette (maximize)</c>.</summary>
    public const string Objective = "segmentation.promotion.objective";

    /// <summary>The target: <c>stage:Production</c> or <c>alias:champion</c>.</summary>
    public const string Target = "segmentation.promotion.target";

    /// <summary>The experiment name.</summary>
    public const string Experiment = "segmentation.promotion.experiment";

    /// <summary>The sweep's parent run id.</summary>
    public const string ParentRunId = "segmentation.promotion.parent_run_id";

    /// <summary>When the decision was made, ISO 8601 UTC.</summary>
    public const string DecidedAt = "segmentation.promotion.decided_at";

    /// <summary>The trial hash of the promoted trial (same key as on the run).</summary>
    public const string TrialHash = "segmentation.trial_hash";

    /// <summary>Prefix of one tag per metric of the promoted trial, e.g. <c>segmentation.metric.silhouette</c>.</summary>
    public const string MetricPrefix = "segmentation.metric.";
}
