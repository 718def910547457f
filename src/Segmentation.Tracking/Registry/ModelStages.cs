namespace Segmentation.Tracking.Registry;

/// <summary>MLflow's registry stages and version statuses, spelled as MLflow stores them.</summary>
public static class ModelStages
{
    /// <summary>No stage.</summary>
    public const string None = "None";

    /// <summary>Staging.</summary>
    public const string Staging = "Staging";

    /// <summary>Production.</summary>
    public const string Production = "Production";

    /// <summary>Archived.</summary>
    public const string Archived = "Archived";

    /// <summary>All stages in MLflow's order.</summary>
    public static IReadOnlyList<string> All { get; } = [None, Staging, Production, Archived];

    /// <summary>The stages a promotion may move a version to; None and Archived are where versions are left, not sent.</summary>
    public static IReadOnlyList<string> PromotionTargets { get; } = [Staging, Production];

    /// <summary>
    /// The one stage rule for a promotion target (CLI flag, sweep config, promotion service): the canonical spelling of
    /// <paramref name="stage"/> (matched case-insensitively, as MLflow does), or null when it is not a promotion target.
    /// </summary>
    public static string? PromotionTarget(string? stage) =>
        PromotionTargets.FirstOrDefault(s => string.Equals(s, stage, StringComparison.OrdinalIgnoreCase));

    /// <summary>The problem with <paramref name="stage"/> as a promotion target, naming the allowed stages, or null when it is one.</summary>
    public static string? ValidatePromotionTarget(string? stage) =>
        PromotionTarget(stage) is null ? $"'{stage}' is not a promotion stage; allowed: {string.Join(", ", PromotionTargets)}" : null;

    /// <summary>Returns the canonical spelling of a stage (case-insensitive, as MLflow accepts it); throws InvalidParameterException otherwise.</summary>
    public static string Canonical(string stage)
    {
        foreach (var s in All)
        {
            if (string.Equals(s, stage, StringComparison.OrdinalIgnoreCase))
            {
                return s;
            }
        }

        throw new Errors.InvalidParameterException($"Invalid Model Version stage: {stage}. Value must be one of {string.Join(", ", All)}.");
    }

    /// <summary>The status of a version that is ready to use.</summary>
    public const string Ready = "READY";

    /// <summary>The status of a version whose registration failed.</summary>
    public const string FailedRegistration = "FAILED_REGISTRATION";

    /// <summary>The status of a version still being registered.</summary>
    public const string PendingRegistration = "PENDING_REGISTRATION";
}
