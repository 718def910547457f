using System.Globalization;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Selection;
using Segmentation.Tracking;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Models;
using Segmentation.Tracking.Registry;

namespace Segmentation.Runner.Promotion;

/// <summary>
/// Selects a sweep's best trial, checks it against the gate and, only when it passes, registers its model and
/// moves the stage or alias to it. Used by <c>segment promote</c> and by a sweep whose config asks to promote.
/// </summary>
public sealed class PromotionService(ITrackingStore store, IModelRegistry registry, TimeProvider clock)
{
    private readonly ITrackingStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly IModelRegistry _registry = registry ?? throw new ArgumentNullException(nameof(registry));
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>Decides and (when the gate passes) carries out a promotion.</summary>
    /// <exception cref="SelectionException">The experiment or parent run does not exist.</exception>
    /// <exception cref="PromotionException">The best trial has no model artifact, or the model name is unusable.</exception>
    /// <exception cref="TrackingUnreachableException">The tracking server could not be reached.</exception>
    public async Task<PromotionResult> PromoteAsync(PromotionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateTarget(request.Target);

        var selection = await new TrialSelector(_store)
            .SelectAsync(request.ExperimentName, request.ParentRunId, request.Objective, request.Constraints, cancellationToken)
            .ConfigureAwait(false);
        var decidedAt = _clock.GetUtcNow();
        if (selection.Best is not { } best)
        {
            var reason = selection.Leaderboard.Count == 0
                ? $"sweep {selection.ParentRunId} has no FINISHED trial"
                : string.Create(CultureInfo.InvariantCulture, $"none of the {selection.Leaderboard.Count} FINISHED trials meets every constraint");
            return new PromotionResult(PromotionOutcome.NoEligibleTrial, request, selection, [reason], decidedAt);
        }

        var failures = request.Gate.Failures(best.Trial.Metrics);
        if (failures.Count > 0)
        {
            // The registry is deliberately not read or written on this path: a failed gate leaves no trace there.
            return new PromotionResult(PromotionOutcome.GateFailed, request, selection, failures, decidedAt);
        }

        await RequireModelArtifactAsync(best.Trial, cancellationToken).ConfigureAwait(false);
        return await RegisterAndPromoteAsync(new PromotionResult(PromotionOutcome.Promoted, request, selection, [], decidedAt), best.Trial, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<PromotionResult> RegisterAndPromoteAsync(PromotionResult decided, TrialRun trial, CancellationToken cancellationToken)
    {
        var target = decided.Request.Target;
        var name = target.ModelName;
        await _registry.CreateRegisteredModelAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);

        // Idempotent: a version made from this run earlier (a re-run of the job) is promoted again, not duplicated.
        var existing = (await _registry.SearchModelVersionsAsync($"run_id='{trial.RunId}'", cancellationToken).ConfigureAwait(false))
            .Where(v => v.Name == name && v.Status != ModelStages.FailedRegistration)
            .OrderBy(v => VersionNumber(v.Version))
            .FirstOrDefault();
        var version = existing ?? await CreateVersionAsync(name, trial, cancellationToken).ConfigureAwait(false);
        version = await _registry.WaitForModelVersionReadyAsync(name, version.Version, decided.Request.ReadyTimeout, cancellationToken).ConfigureAwait(false);

        IReadOnlyList<string> archived = [];
        string? previousAlias = null;
        if (target.Stage is { } stageName)
        {
            var stage = ModelStages.Canonical(stageName);
            var all = await _registry.SearchModelVersionsAsync($"name='{name}'", cancellationToken).ConfigureAwait(false);
            archived = all
                .Where(v => v.Name == name && v.CurrentStage == stage && v.Version != version.Version)
                .Select(v => v.Version)
                .OrderBy(VersionNumber)
                .ToList();
            await _registry.TransitionModelVersionStageAsync(name, version.Version, stage, archiveExistingVersions: true, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var alias = target.Alias!;
            previousAlias = (await _registry.GetModelVersionByAliasAsync(name, alias, cancellationToken).ConfigureAwait(false))?.Version;
            await _registry.SetRegisteredModelAliasAsync(name, alias, version.Version, cancellationToken).ConfigureAwait(false);
        }

        var result = decided with { ReusedVersion = existing is not null, ArchivedVersions = archived, PreviousAliasVersion = previousAlias };
        foreach (var (key, value) in PromotionRecord.Tags(result, trial))
        {
            await _registry.SetModelVersionTagAsync(name, version.Version, key, value, cancellationToken).ConfigureAwait(false);
        }

        // Appended, not replaced: a version promoted again (to another alias, or after a re-run) keeps its history.
        // The names travel with the version: the trial's segments.json, with the overrides params.yaml gives this version.
        var segments = await Segments.BestSegments.LoadAsync(_store, trial.RunId, cancellationToken).ConfigureAwait(false);
        var overrides = decided.Request.SegmentNames.NamesFor(name, version.Version);
        segments = overrides is null ? segments : segments?.Select(s => overrides.TryGetValue(s.Segment, out var n) ? s with { Name = n } : s).ToList();
        var description = PromotionRecord.AppendedDescription(version.Description, result, trial, segments);
        await _registry.UpdateModelVersionAsync(name, version.Version, description, cancellationToken).ConfigureAwait(false);
        var final = await _registry.GetModelVersionAsync(name, version.Version, cancellationToken).ConfigureAwait(false);
        return result with { Version = final };
    }

    private async Task RequireModelArtifactAsync(TrialRun trial, CancellationToken cancellationToken)
    {
        // Checked before the registry is touched, so a trial without a model cannot leave a half-made version behind.
        IReadOnlyList<Tracking.Artifacts.ArtifactFile> files;
        try
        {
            // An MLflow 3 trial's model is its logged model (the run's output), whose folder holds the files; earlier versions of
            // this tool also copied them to the run's model/, which MLflow 2 trials use alone.
            var run = await _store.GetRunAsync(trial.RunId, cancellationToken).ConfigureAwait(false);
            files = run.ModelOutputs.Count > 0
                ? [.. (await _store.ListLoggedModelArtifactsAsync(run.ModelOutputs[^1].ModelId, null, cancellationToken).ConfigureAwait(false))
                    .Select(f => f with { Path = ModelFolder.ArtifactPath + "/" + f.Path })]
                : [];
            if (!files.Any(f => f.Path.EndsWith("/" + ModelFolder.MlModelFile, StringComparison.Ordinal)))
            {
                files = await _store.ListArtifactsAsync(trial.RunId, ModelFolder.ArtifactPath, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ResourceNotFoundException ex)
        {
            throw new PromotionException($"best trial '{trial.RunName}' (run {trial.RunId}) has no '{ModelFolder.ArtifactPath}' artifact to register", ex);
        }

        if (!files.Any(f => !f.IsDirectory && f.Path.EndsWith("/" + ModelFolder.MlModelFile, StringComparison.Ordinal)))
        {
            throw new PromotionException(
                $"best trial '{trial.RunName}' (run {trial.RunId}) has no '{ModelFolder.ArtifactPath}/{ModelFolder.MlModelFile}' artifact; only an MLflow model directory can be registered");
        }
    }

    /// <summary>
    /// From the trial's MLflow 3 logged model (its run's output) when it has one, as MLflow 3's client registers (source
    /// <c>models:/&lt;model_id&gt;</c>); otherwise, as on MLflow 2, from the run's model folder. Both carry the run id, so the
    /// idempotency search above finds versions of either kind.
    /// </summary>
    private async Task<ModelVersion> CreateVersionAsync(string name, TrialRun trial, CancellationToken cancellationToken)
    {
        var run = await _store.GetRunAsync(trial.RunId, cancellationToken).ConfigureAwait(false);
        if (run.ModelOutputs.Count > 0)
        {
            return await _registry.CreateModelVersionFromLoggedModelAsync(name, run.ModelOutputs[^1].ModelId, trial.RunId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return await _registry.CreateModelVersionAsync(name, ModelSource(trial), trial.RunId, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static string ModelSource(TrialRun trial) => trial.ArtifactUri.TrimEnd('/') + "/" + ModelFolder.ArtifactPath;

    private static long VersionNumber(string version) =>
        long.TryParse(version, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;

    private static void ValidateTarget(RegistryTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (string.IsNullOrWhiteSpace(target.ModelName) || target.ModelName.Contains('\'', StringComparison.Ordinal))
        {
            throw new PromotionException($"registered model name '{target.ModelName}' is not usable; expected a non-empty name without quotes");
        }

        if ((target.Stage is null) == (target.Alias is null))
        {
            throw new PromotionException("the registry target needs exactly one of a stage (Staging, Production) or an alias (e.g. champion)");
        }

        // Every rule the registry would apply is checked here, before selection: a target the registry refuses must not
        // leave a registered model or version behind (issue 9: `--alias v3` registered a version, then failed).
        if (target.Stage is { } stage && ModelStages.ValidatePromotionTarget(stage) is { } stageProblem)
        {
            throw new PromotionException("registry stage " + stageProblem);
        }

        if (target.Alias is { } alias && ModelAliases.Validate(alias) is { } aliasProblem)
        {
            throw new PromotionException($"registry alias '{alias}' is not usable: {aliasProblem}");
        }
    }
}
