using Segmentation.Runner.Configuration;
using Segmentation.Tracking;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Runs;

namespace Segmentation.Runner.Selection;

/// <summary>Finds a sweep's trials in the tracking store and ranks them (<see cref="TrialRanker"/>).</summary>
public sealed class TrialSelector(ITrackingStore store)
{
    /// <summary>The run tag MLflow links a child run to its parent with.</summary>
    public const string ParentRunTag = "mlflow.parentRunId";

    private readonly ITrackingStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>
    /// Ranks the FINISHED child runs of <paramref name="parentRunId"/> — or, when null, of the latest sweep
    /// (the most recently started run that has child runs) in the experiment.
    /// </summary>
    /// <exception cref="SelectionException">The experiment or parent run does not exist, or the experiment holds no sweep.</exception>
    public async Task<TrialSelection> SelectAsync(
        string experimentName,
        string? parentRunId,
        ObjectiveConfig objective,
        ConstraintsConfig constraints,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentName);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(constraints);

        var experiment = await _store.GetExperimentByNameAsync(experimentName, cancellationToken).ConfigureAwait(false)
            ?? throw new SelectionException($"experiment '{experimentName}' does not exist in the tracking store; run a sweep into it first or check --experiment");

        IReadOnlyList<Run> children;
        string parentId;
        if (parentRunId is not null)
        {
            parentId = await ResolveParentAsync(experiment.ExperimentId, experimentName, parentRunId, cancellationToken).ConfigureAwait(false);
            children = await _store.SearchRunsAsync(
                new RunSearchRequest([experiment.ExperimentId], $"tags.`{ParentRunTag}` = '{parentId}'"),
                cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // One search, grouped here: no filter syntax for "has children" exists, and it keeps the request count at one.
            var runs = await _store.SearchRunsAsync(new RunSearchRequest([experiment.ExperimentId]), cancellationToken).ConfigureAwait(false);
            var parentIds = runs.Select(ParentOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var latest = runs
                .Where(r => parentIds.Contains(r.Info.RunId))
                .OrderByDescending(r => r.Info.StartTimeMs)
                .ThenBy(r => r.Info.RunId, StringComparer.Ordinal)
                .FirstOrDefault()
                ?? throw new SelectionException($"experiment '{experimentName}' holds no sweep (no run with child runs); run a sweep into it first or pass --parent");
            parentId = latest.Info.RunId;
            children = runs.Where(r => ParentOf(r) == parentId).ToList();
        }

        var finished = children
            .Where(r => r.Info.Status == RunStatus.Finished && ParentOf(r) == parentId)
            .Select(TrialRun.FromRun);
        return new TrialSelection(experiment.ExperimentId, parentId, objective, constraints, TrialRanker.Rank(finished, objective, constraints));
    }

    private async Task<string> ResolveParentAsync(string experimentId, string experimentName, string parentRunId, CancellationToken cancellationToken)
    {
        // Run ids are hex (MLflow) or word characters; anything else could not be quoted safely into a filter.
        if (parentRunId.Length == 0 || !parentRunId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new SelectionException($"parent run id '{parentRunId}' is not a run id; expected letters, digits, '-' or '_' (e.g. the 32 hex digits MLflow shows)");
        }

        Run parent;
        try
        {
            parent = await _store.GetRunAsync(parentRunId, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException ex)
        {
            throw new SelectionException($"parent run '{parentRunId}' does not exist in the tracking store", ex);
        }

        if (parent.Info.ExperimentId != experimentId)
        {
            throw new SelectionException(
                $"parent run '{parentRunId}' belongs to experiment id {parent.Info.ExperimentId}, not to '{experimentName}' (id {experimentId})");
        }

        return parent.Info.RunId;
    }

    private static string? ParentOf(Run run) => run.Data.Tags.TryGetValue(ParentRunTag, out var parent) ? parent : null;
}
