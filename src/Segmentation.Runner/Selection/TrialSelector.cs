using Segmentation.Runner.Configuration;
using Segmentation.Runner.Reporting;
using Segmentation.Tracking;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Runs;

namespace Segmentation.Runner.Selection;

/// <summary>Finds a sweep's parent run and ranks its members (<see cref="SweepMembership"/>, <see cref="TrialRanker"/>).</summary>
public sealed class TrialSelector(ITrackingStore store)
{
    private readonly ITrackingStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>
    /// Ranks the members (<see cref="SweepMembership"/>) of the sweep whose parent run is <paramref name="parentRunId"/> —
    /// or, when null, of the latest finished sweep in the experiment.
    /// </summary>
    /// <exception cref="SelectionException">The experiment or parent run does not exist, or the experiment holds no finished sweep.</exception>
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
        var membership = new SweepMembership(_store);
        var parent = parentRunId is null
            ? await membership.LatestParentAsync(experiment.ExperimentId, experimentName, cancellationToken).ConfigureAwait(false)
            : await ResolveParentAsync(experiment.ExperimentId, experimentName, parentRunId, cancellationToken).ConfigureAwait(false);
        var plan = await membership.ReadPlanAsync(parent, cancellationToken).ConfigureAwait(false);
        var members = await membership.FinishedTrialsAsync(experiment.ExperimentId, plan, cancellationToken).ConfigureAwait(false);
        var board = Leaderboard.Rank(members.Values, objective, constraints);
        return new TrialSelection(experiment.ExperimentId, parent.Info.RunId, objective, constraints, board.Entries);
    }

    private async Task<Run> ResolveParentAsync(string experimentId, string experimentName, string parentRunId, CancellationToken cancellationToken)
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

        return parent;
    }
}
