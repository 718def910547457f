using System.Globalization;
using System.Text;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Recording;

/// <summary>The Markdown descriptions (<c>mlflow.note.content</c>) the MLflow UI shows on a trial's run page (the sweep's is <see cref="Reporting.Exporters.SweepMarkdownExporter"/>).</summary>
public static class SweepNotes
{
    /// <summary>A finished trial: its place in the sweep, its metrics and whether it meets the constraints.</summary>
    public static string Trial(Trial trial, SweepPlan plan, ConstraintsConfig constraints, IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(metrics);
        var text = new StringBuilder();
        text.Append("**").Append(trial.RunName).Append("** — trial ").Append(Invariant(trial.Index + 1))
            .Append(" of ").Append(Invariant(plan.Trials.Count)).Append(" in sweep `").Append(plan.SweepId).Append("`\n\n");
        text.Append("| metric | value |\n|---|---|\n");
        foreach (var (key, value) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            text.Append("| ").Append(key).Append(" | ").Append(value.ToString("G6", CultureInfo.InvariantCulture)).Append(" |\n");
        }

        var violations = constraints.Violations(metrics);
        text.Append('\n').Append(violations.Count == 0 ? "Meets every constraint." : "Violates: " + string.Join("; ", violations)).Append('\n');
        return text.ToString();
    }

    /// <summary>A trial whose fit failed: the error type and message.</summary>
    public static string FailedTrial(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return $"**Trial failed** ({error.GetType().Name})\n\n```\n{error.Message}\n```\n";
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
