using System.Globalization;
using System.Text;
using System.Text.Json;
using Segmentation.Clustering.Pipeline;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Reporting;
using Segmentation.Tracking;
using Segmentation.Tracking.Runs;

namespace Segmentation.Runner.Recording;

/// <summary>
/// Everything a sweep writes to MLflow: the experiment, the parent run (found again by sweep id so re-runs and shards
/// share it), one child run per trial — created only after the trial is fitted, so a run is either FINISHED with all its
/// data or FAILED/KILLED — and the parent's leaderboard, curves and best-trial tags.
/// </summary>
public sealed class SweepTracker
{
    private readonly ITrackingStore _store;
    private readonly TimeProvider _clock;
    private readonly SourceInfo _source;
    private readonly LoadedSweepConfig _config;
    private readonly SweepPlan _plan;
    private readonly TrainingData _data;
    private bool _resumedParent;

    /// <summary>Creates a tracker for one sweep invocation.</summary>
    public SweepTracker(ITrackingStore store, TimeProvider clock, SourceInfo source, LoadedSweepConfig config, SweepPlan plan, TrainingData data)
    {
        _store = store;
        _clock = clock;
        _source = source;
        _config = config;
        _plan = plan;
        _data = data;
    }

    /// <summary>The experiment id, once <see cref="StartAsync"/> has run.</summary>
    public string ExperimentId { get; private set; } = string.Empty;

    /// <summary>The parent run id, once <see cref="StartAsync"/> has run.</summary>
    public string ParentRunId { get; private set; } = string.Empty;

    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Gets or creates the experiment, then finds the sweep's parent run by sweep id or creates it, and marks it RUNNING.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var experiment = await _store.GetOrCreateExperimentAsync(_config.Config.Tracking.ExperimentName, null, cancellationToken).ConfigureAwait(false);
        ExperimentId = experiment.ExperimentId;
        var existing = await _store.SearchRunsAsync(
            new RunSearchRequest(
                [ExperimentId],
                $"tags.`{SweepTags.SweepId}` = '{_plan.SweepId}' AND tags.`{SweepTags.RunKind}` = '{SweepTags.KindSweep}'",
                ["attributes.start_time ASC"]),
            cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            // The oldest parent wins, so concurrent shards converge on one even if two were created in a race.
            ParentRunId = existing[0].Info.RunId;
            _resumedParent = true;
            await _store.UpdateRunAsync(ParentRunId, RunStatus.Running, null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var tags = new Dictionary<string, string>(_source.Tags())
        {
            [SweepTags.RunKind] = SweepTags.KindSweep,
            [SweepTags.SweepId] = _plan.SweepId,
            [SweepTags.ConfigHash] = _plan.ConfigHash,
            [SweepTags.DatasetDigest] = _plan.DatasetDigest,
            [SweepTags.Objective] = ObjectiveText(),
        };
        var name = $"sweep-{Path.GetFileNameWithoutExtension(_config.ConfigPath)}-{_plan.SweepId[..8]}";
        var run = await _store.CreateRunAsync(new CreateRunRequest(ExperimentId, name, NowMs, tags, null, _source.User), cancellationToken).ConfigureAwait(false);
        ParentRunId = run.Info.RunId;
        await _store.LogInputsAsync(ParentRunId, [DatasetInput()], cancellationToken).ConfigureAwait(false);
        await UploadTextAsync(ParentRunId, "sweep_config.yaml", EffectiveConfigWriter.ToYaml(_config.Effective, withSources: true), cancellationToken).ConfigureAwait(false);
        await _store.LogBatchAsync(
            ParentRunId,
            null,
            [
                new Param("config_file", Path.GetFileName(_config.ConfigPath)),
                new Param("strategy", _config.Config.Strategy.Kind.ToString().ToLowerInvariant()),
                new Param("planned_trials", _plan.Trials.Count.ToString(CultureInfo.InvariantCulture)),
                new Param("features", string.Join(",", _data.FeatureNames)),
                new Param("seed", _config.Config.Seed.ToString(CultureInfo.InvariantCulture)),
                new Param("tool_version", ToolVersion.Current),
            ],
            null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>FINISHED trial runs of this experiment on this dataset, by trial hash (the resume check).</summary>
    public async Task<IReadOnlyDictionary<string, Run>> FinishedTrialsAsync(CancellationToken cancellationToken)
    {
        var runs = await _store.SearchRunsAsync(
            new RunSearchRequest(
                [ExperimentId],
                $"tags.`{SweepTags.RunKind}` = '{SweepTags.KindTrial}' AND tags.`{SweepTags.DatasetDigest}` = '{_plan.DatasetDigest}' AND attributes.status = 'FINISHED'",
                ["attributes.start_time ASC"]),
            cancellationToken).ConfigureAwait(false);
        var byHash = new Dictionary<string, Run>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            if (run.Data.Tags.TryGetValue(SweepTags.TrialHash, out var hash))
            {
                byHash.TryAdd(hash, run);
            }
        }

        return byHash;
    }

    /// <summary>
    /// Logs a fitted trial as a complete child run: tags at creation, then params and metrics, then the model
    /// directory, then FINISHED. If anything fails or is cancelled on the way the run is closed FAILED or KILLED.
    /// </summary>
    public async Task<string> LogTrialAsync(
        Trial trial, FittedPipeline pipeline, int[] labels, IReadOnlyDictionary<string, double> metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(metrics);
        var tags = TrialTags(trial);
        tags[SweepTags.Note] = TrialNote(trial, metrics);
        var run = await _store.CreateRunAsync(new CreateRunRequest(ExperimentId, trial.RunName, NowMs, tags, ParentRunId, _source.User), cancellationToken).ConfigureAwait(false);
        var runId = run.Info.RunId;
        var staging = Path.Combine(Path.GetTempPath(), "segment-trial-" + runId);
        try
        {
            var now = NowMs;
            await _store.LogBatchAsync(
                runId,
                metrics.Select(m => new Metric(m.Key, m.Value, now)).ToList(),
                trial.Params.Select(p => new Param(p.Key, p.Value)).ToList(),
                null,
                cancellationToken).ConfigureAwait(false);
            ModelDirectory.Write(staging, pipeline, ClusterProfile.ToCsv(_data.Features, _data.FeatureNames, labels), runId, _clock.GetUtcNow(), ToolVersion.Current);
            await _store.UploadArtifactsAsync(runId, staging, ModelDirectory.ArtifactPath, cancellationToken).ConfigureAwait(false);
            await _store.UpdateRunAsync(runId, RunStatus.Finished, NowMs, null, cancellationToken).ConfigureAwait(false);
            return runId;
        }
        catch (Exception ex)
        {
            await CloseQuietlyAsync(runId, ex is OperationCanceledException ? RunStatus.Killed : RunStatus.Failed, ex).ConfigureAwait(false);
            throw;
        }
        finally
        {
            TryDelete(staging);
        }
    }

    /// <summary>Logs a trial whose fit failed: params, the error as a tag and a note, status FAILED.</summary>
    public async Task<string> LogFailedTrialAsync(Trial trial, Exception error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(error);
        var tags = TrialTags(trial);
        tags[SweepTags.Error] = FirstLine(error.Message);
        tags[SweepTags.Note] = $"**Trial failed** ({error.GetType().Name})\n\n```\n{error.Message}\n```\n";
        var run = await _store.CreateRunAsync(new CreateRunRequest(ExperimentId, trial.RunName, NowMs, tags, ParentRunId, _source.User), cancellationToken).ConfigureAwait(false);
        try
        {
            await _store.LogBatchAsync(run.Info.RunId, null, trial.Params.Select(p => new Param(p.Key, p.Value)).ToList(), null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _store.UpdateRunAsync(run.Info.RunId, RunStatus.Failed, NowMs, null, CancellationToken.None).ConfigureAwait(false);
        }

        return run.Info.RunId;
    }

    /// <summary>Ranks every FINISHED trial of this plan (all shards so far) from the store.</summary>
    public async Task<Leaderboard> LeaderboardAsync(CancellationToken cancellationToken)
    {
        var finished = await FinishedTrialsAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<LeaderboardEntry>();
        foreach (var trial in _plan.Trials)
        {
            if (finished.TryGetValue(trial.Hash, out var run))
            {
                var metrics = run.Data.Metrics.ToDictionary(m => m.Key, m => m.Value.Value, StringComparer.Ordinal);
                entries.Add(new LeaderboardEntry(run.Info.RunId, run.Info.RunName, trial.Hash, run.Data.Params, metrics, _config.Config.Constraints.Violations(metrics)));
            }
        }

        return Leaderboard.Rank(entries, _config.Config.Objective, _config.Config.Constraints);
    }

    /// <summary>Closes the parent: KILLED when cancelled; otherwise logs curves, leaderboard, best-trial tags and note, then FINISHED.</summary>
    public async Task FinishAsync(Leaderboard leaderboard, bool cancelled, bool logCurves, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leaderboard);
        if (cancelled)
        {
            await _store.UpdateRunAsync(ParentRunId, RunStatus.Killed, NowMs, null, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (logCurves)
        {
            var metrics = SweepCurves.Metrics(leaderboard, NowMs);
            if (_resumedParent)
            {
                metrics = await WithoutLoggedPointsAsync(metrics, cancellationToken).ConfigureAwait(false);
            }

            if (metrics.Count > 0)
            {
                await _store.LogBatchAsync(ParentRunId, metrics, null, null, cancellationToken).ConfigureAwait(false);
            }
        }

        await UploadTextAsync(ParentRunId, "leaderboard.csv", leaderboard.ToCsv(), cancellationToken).ConfigureAwait(false);
        var tags = new List<RunTag> { new(SweepTags.Note, ParentNote(leaderboard)) };
        if (leaderboard.Best is { } best)
        {
            tags.Add(new RunTag(SweepTags.BestRunId, best.RunId));
            tags.Add(new RunTag(SweepTags.BestRunName, best.RunName));
            tags.Add(new RunTag(SweepTags.BestTrialHash, best.TrialHash));
        }

        await _store.LogBatchAsync(ParentRunId, null, null, tags, cancellationToken).ConfigureAwait(false);
        await _store.UpdateRunAsync(ParentRunId, RunStatus.Finished, NowMs, null, cancellationToken).ConfigureAwait(false);
    }

    // A resumed sweep re-derives its curves from every finished trial; points already on the parent are not logged twice.
    private async Task<List<Metric>> WithoutLoggedPointsAsync(List<Metric> metrics, CancellationToken cancellationToken)
    {
        var kept = new List<Metric>();
        foreach (var group in metrics.GroupBy(m => m.Key))
        {
            var history = await _store.GetMetricHistoryAsync(ParentRunId, group.Key, cancellationToken).ConfigureAwait(false);
            kept.AddRange(group.Where(m => !history.Any(h => h.Step == m.Step && h.Value.Equals(m.Value))));
        }

        return kept;
    }

    /// <summary>Closes the parent FAILED with the error when the sweep cannot go on; never throws.</summary>
    public Task AbortAsync(Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return string.IsNullOrEmpty(ParentRunId) ? Task.CompletedTask : CloseQuietlyAsync(ParentRunId, RunStatus.Failed, cause);
    }

    private Dictionary<string, string> TrialTags(Trial trial)
    {
        var tags = new Dictionary<string, string>(_source.Tags())
        {
            [SweepTags.RunKind] = SweepTags.KindTrial,
            [SweepTags.TrialHash] = trial.Hash,
            [SweepTags.DatasetDigest] = _plan.DatasetDigest,
            [SweepTags.ConfigHash] = _plan.ConfigHash,
            [SweepTags.SweepId] = _plan.SweepId,
        };
        return tags;
    }

    private DatasetInput DatasetInput()
    {
        var schema = JsonSerializer.Serialize(new
        {
            mlflow_colspec = _data.FeatureNames.Select(n => new { type = "double", name = n, required = true }).ToArray(),
        });
        var profile = JsonSerializer.Serialize(new { num_rows = _data.Features.Rows, num_elements = _data.Features.Rows * _data.Features.Cols });
        var source = JsonSerializer.Serialize(new { uri = _data.SourcePath });
        // MLflow shows an 8-character digest in the UI; the full one is in the segmentation.dataset_digest tag.
        var dataset = new Dataset(_data.Name, _data.Digest[..8], "local", source, schema, profile);
        return new DatasetInput(dataset, new Dictionary<string, string> { ["mlflow.data.context"] = "training" });
    }

    private string ObjectiveText() =>
        $"{_config.Config.Objective.Metric} {(_config.Config.Objective.Direction == ObjectiveDirection.Maximize ? "maximize" : "minimize")}";

    private string TrialNote(Trial trial, IReadOnlyDictionary<string, double> metrics)
    {
        var text = new StringBuilder();
        text.Append("**").Append(trial.RunName).Append("** — trial ").Append((trial.Index + 1).ToString(CultureInfo.InvariantCulture))
            .Append(" of ").Append(_plan.Trials.Count.ToString(CultureInfo.InvariantCulture)).Append(" in sweep `").Append(_plan.SweepId).Append("`\n\n");
        text.Append("| metric | value |\n|---|---|\n");
        foreach (var (key, value) in metrics)
        {
            text.Append("| ").Append(key).Append(" | ").Append(value.ToString("G6", CultureInfo.InvariantCulture)).Append(" |\n");
        }

        var violations = _config.Config.Constraints.Violations(metrics);
        text.Append('\n').Append(violations.Count == 0 ? "Meets every constraint." : "Violates: " + string.Join("; ", violations)).Append('\n');
        return text.ToString();
    }

    private string ParentNote(Leaderboard leaderboard)
    {
        var objective = _config.Config.Objective;
        var text = new StringBuilder();
        text.Append("**Sweep** `").Append(Path.GetFileName(_config.ConfigPath)).Append("` on dataset `").Append(_plan.DatasetDigest[..12])
            .Append("` — ").Append(leaderboard.Entries.Count.ToString(CultureInfo.InvariantCulture)).Append(" of ")
            .Append(_plan.Trials.Count.ToString(CultureInfo.InvariantCulture)).Append(" trials finished. Objective: ")
            .Append(ObjectiveText()).Append(".\n\n");
        text.Append(leaderboard.Best is { } best
            ? $"Best eligible trial: **{best.RunName}** ({objective.Metric} = {best.Metric(objective.Metric).ToString("G6", CultureInfo.InvariantCulture)}).\n\n"
            : "No trial meets every constraint.\n\n");
        text.Append("| rank | run | ").Append(objective.Metric).Append(" | eligible |\n|---|---|---|---|\n");
        foreach (var (entry, i) in leaderboard.Entries.Take(10).Select((e, i) => (e, i)))
        {
            text.Append("| ").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(" | ").Append(entry.RunName).Append(" | ")
                .Append(entry.Metric(objective.Metric).ToString("G6", CultureInfo.InvariantCulture)).Append(" | ")
                .Append(entry.Eligible ? "yes" : "no").Append(" |\n");
        }

        return text.ToString();
    }

    private async Task UploadTextAsync(string runId, string fileName, string text, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(Path.GetTempPath(), "segment-upload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, fileName);
            await File.WriteAllTextAsync(file, text, cancellationToken).ConfigureAwait(false);
            await _store.UploadArtifactAsync(runId, file, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TryDelete(dir);
        }
    }

    private async Task CloseQuietlyAsync(string runId, RunStatus status, Exception cause)
    {
        try
        {
            // Not cancellable: the run must not stay RUNNING even when the sweep is being stopped.
            await _store.SetTagAsync(runId, SweepTags.Error, FirstLine(cause.Message), CancellationToken.None).ConfigureAwait(false);
            await _store.UpdateRunAsync(runId, status, NowMs, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Segmentation.Tracking.Errors.MlflowException or IOException or HttpRequestException)
        {
            // The original error is what the caller reports; a second failure while closing adds nothing actionable.
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 500 ? line : line[..500];
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
