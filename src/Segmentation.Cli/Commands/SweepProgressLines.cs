using System.Globalization;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Progress;

namespace Segmentation.Cli.Commands;

/// <summary>Sweep progress as one plain line per trial, for CI logs and redirected output.</summary>
public sealed class SweepProgressLines(TextWriter output) : ISweepObserver
{
    /// <inheritdoc/>
    public void Started(SweepPlan plan, int shardTrials, int alreadyFinished)
    {
        ArgumentNullException.ThrowIfNull(plan);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"sweep {plan.SweepId}: {shardTrials} trial(s) of {plan.Trials.Count} planned; skipping {alreadyFinished} already FINISHED"));
    }

    /// <inheritdoc/>
    public void TrialCompleted(TrialOutcome outcome, SweepProgress progress)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(progress);
        var width = progress.Total.ToString(CultureInfo.InvariantCulture).Length;
        var detail = outcome.Status switch
        {
            TrialStatus.Finished when outcome.Metrics.TryGetValue("silhouette", out var s) => string.Create(CultureInfo.InvariantCulture, $"silhouette={s:F4}"),
            TrialStatus.Failed => "FAILED: " + outcome.Error,
            _ => outcome.Status.ToString().ToUpperInvariant(),
        };
        var best = progress.BestRunName is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"  best {progress.BestRunName} ({progress.BestValue:F4})");
        var eta = progress.Eta is { } e ? "  eta " + e.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : string.Empty;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[{progress.Done.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{progress.Total}] {outcome.Trial.RunName}  {detail}{best}{eta}"));
    }
}
