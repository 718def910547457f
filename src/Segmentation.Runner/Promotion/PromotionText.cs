using System.Globalization;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Promotion;

/// <summary>The invariant-culture wording shared by the registry record and the Markdown report.</summary>
public static class PromotionText
{
    /// <summary>A metric value with six significant digits, invariant culture.</summary>
    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>The objective, e.g. <c>silhouette (maximize)</c>.</summary>
    public static string Objective(ObjectiveConfig objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return $"{objective.Metric} ({(objective.Direction == ObjectiveDirection.Maximize ? "maximize" : "minimize")})";
    }

    /// <summary>The gate's thresholds joined with "and", or <c>none</c>.</summary>
    public static string Gate(GateConfig gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return gate.Thresholds.Count == 0 ? "none" : string.Join(" and ", gate.Thresholds.Select(t => t.ToString()));
    }

    /// <summary>The constraints that are set, e.g. <c>min_k 3, max_noise_fraction 0.1</c>, or <c>none</c>.</summary>
    public static string Constraints(ConstraintsConfig constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        var parts = new List<string>();
        Add(parts, "min_k", constraints.MinK);
        Add(parts, "max_k", constraints.MaxK);
        Add(parts, "min_cluster_fraction", constraints.MinClusterFraction);
        Add(parts, "max_cluster_fraction", constraints.MaxClusterFraction);
        Add(parts, "max_noise_fraction", constraints.MaxNoiseFraction);
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    /// <summary>The target, e.g. <c>stage Production</c> or <c>alias champion</c>.</summary>
    public static string Target(RegistryTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Stage is { } stage ? $"stage {stage}" : $"alias {target.Alias}";
    }

    /// <summary>Escapes text for a Markdown table cell (pipes and line breaks would end the cell or the row).</summary>
    public static string Cell(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
    }

    private static void Add(List<string> parts, string name, double? value)
    {
        if (value is { } v)
        {
            parts.Add($"{name} {Number(v)}");
        }
    }

    /// <summary>One line that says what was decided and why, used for the decision line and annotations.</summary>
    public static string Explanation(PromotionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var best = result.Selection.Best;
        var trial = best is null ? string.Empty : $"`{best.Trial.RunName}` (run `{best.Trial.RunId}`)";
        switch (result.Outcome)
        {
            case PromotionOutcome.Promoted:
                var version = result.Version!;
                var moved = result.Request.Target.Stage is not null
                    ? $"now in stage {version.CurrentStage}" + (result.ArchivedVersions.Count > 0 ? $"; archived version(s) {string.Join(", ", result.ArchivedVersions)}" : string.Empty)
                    : $"alias `{result.Request.Target.Alias}` now points at it" + (result.PreviousAliasVersion is { } previous && previous != version.Version ? $" (was version {previous})" : string.Empty);
                return $"{trial} is model `{version.Name}` version {version.Version}{(result.ReusedVersion ? " (existing version reused)" : string.Empty)}, {moved}.";
            case PromotionOutcome.GateFailed:
                return $"{trial} failed the gate: {string.Join("; ", result.GateFailures)}. The registry was not changed.";
            default:
                return $"{string.Join("; ", result.GateFailures)}. The registry was not changed.";
        }
    }
}
