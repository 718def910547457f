using System.Globalization;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Progress;
using Spectre.Console;

namespace Segmentation.Cli.Commands;

/// <summary>Live terminal progress with Spectre.Console: a bar of trials done / total, ETA and the current best.</summary>
public sealed class SweepLiveProgress(ProgressContext context) : ISweepObserver
{
    private ProgressTask? _task;

    /// <inheritdoc/>
    public void Started(SweepPlan plan, int shardTrials, int alreadyFinished)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _task = context.AddTask(Markup.Escape($"sweep {plan.SweepId}"), maxValue: Math.Max(1, shardTrials));
        _task.Value = alreadyFinished;
    }

    /// <inheritdoc/>
    public void TrialCompleted(TrialOutcome outcome, SweepProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (_task is null)
        {
            return;
        }

        _task.Value = progress.Done;
        var best = progress.BestRunName is null ? "no eligible trial yet" : string.Create(CultureInfo.InvariantCulture, $"best {progress.BestRunName} {progress.BestValue:F4}");
        var failed = progress.Failed > 0 ? string.Create(CultureInfo.InvariantCulture, $", {progress.Failed} failed") : string.Empty;
        _task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{progress.Done}/{progress.Total} trials{failed} — {best}"));
    }
}
