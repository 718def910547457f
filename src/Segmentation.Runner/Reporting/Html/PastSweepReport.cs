using System.Globalization;
using Segmentation.Core.Errors;
using Segmentation.Data.Configuration;
using Segmentation.Data.Versioning;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Selection;
using Segmentation.Tracking;
using Segmentation.Tracking.Models;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>
/// The report of a sweep that ran earlier (<c>segment report</c>): the parent run's members ranked under the objective and
/// constraints of its logged <c>sweep_config.yaml</c>, and the best trial's figures recomputed from its model folder and
/// the stored dataset version — through the same <see cref="HtmlReportBuilder"/> a sweep uses.
/// </summary>
public static class PastSweepReport
{
    /// <summary>Builds the report of the sweep whose parent is <paramref name="parentRunId"/>, or of the latest sweep in <paramref name="experimentName"/>.</summary>
    /// <exception cref="UsageException">Neither is given, or the dataset version is not in the store.</exception>
    /// <exception cref="SelectionException">The experiment or parent run does not exist.</exception>
    public static Task<HtmlReport> BuildAsync(ITrackingBackend store, DatasetStore datasets, string? experimentName, string? parentRunId, CancellationToken cancellationToken) =>
        BuildAsync(store, datasets, experimentName, parentRunId, null, cancellationToken);

    /// <summary>
    /// As above, and shows the gate decision <c>segment promote</c> recorded on the best trial's model version with that
    /// version's segment names from <paramref name="names"/> (params.yaml <c>segments.names</c>).
    /// </summary>
    /// <exception cref="UsageException">Neither is given, or the dataset version is not in the store.</exception>
    /// <exception cref="SelectionException">The experiment or parent run does not exist.</exception>
    public static async Task<HtmlReport> BuildAsync(
        ITrackingBackend store, DatasetStore datasets, string? experimentName, string? parentRunId, SegmentNameOverrides? names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(datasets);
        if (experimentName is null)
        {
            if (parentRunId is null)
            {
                throw new UsageException("give --run RUN_ID (a sweep's parent run) or --experiment NAME (its latest sweep)");
            }

            var run = await store.GetRunAsync(parentRunId, cancellationToken).ConfigureAwait(false);
            experimentName = (await store.GetExperimentAsync(run.Info.ExperimentId, cancellationToken).ConfigureAwait(false)).Name;
        }

        // Ranked first under defaults only to find the parent; then again under the parent's own objective and constraints.
        var found = await new TrialSelector(store).SelectAsync(experimentName, parentRunId, ObjectiveConfig.Default, ConstraintsConfig.None, cancellationToken).ConfigureAwait(false);
        var parent = await store.GetRunAsync(found.ParentRunId, cancellationToken).ConfigureAwait(false);
        var config = await LoggedConfigAsync(store, parent.Info.RunId, cancellationToken).ConfigureAwait(false);
        var objective = config?.Objective ?? ObjectiveConfig.Default;
        var constraints = config?.Constraints ?? ConstraintsConfig.None;
        var selection = await new TrialSelector(store).SelectAsync(experimentName, parent.Info.RunId, objective, constraints, cancellationToken).ConfigureAwait(false);
        var board = Leaderboard.Rank(selection.Leaderboard.Select(e => e.Trial), objective, constraints);

        var tags = parent.Data.Tags;
        var parameters = parent.Data.Params;
        var digest = tags.GetValueOrDefault(SegmentationTags.DatasetDigest)
            ?? throw new UsageException($"run {parent.Info.RunId} has no {SegmentationTags.DatasetDigest} tag: it is not a sweep's parent run");
        var summary = new SweepSummary(
            store.DisplayUri,
            experimentName,
            selection.ExperimentId,
            parent.Info.RunId,
            parameters.GetValueOrDefault("config_file", ""),
            tags.GetValueOrDefault(SegmentationTags.SweepId, ""),
            tags.GetValueOrDefault(SegmentationTags.ConfigHash, ""),
            digest,
            "-",
            int.TryParse(parameters.GetValueOrDefault("planned_trials"), NumberStyles.None, CultureInfo.InvariantCulture, out var planned) ? planned : board.Entries.Count,
            0,
            0,
            0,
            0,
            false,
            0,
            board);

        var data = Training(datasets, digest, parameters.GetValueOrDefault("features"), out var manifest);
        var pipeline = board.Best?.Trial is { } best ? await BestTrialModel.LoadAsync(store, best.RunId, cancellationToken).ConfigureAwait(false) : null;
        var report = HtmlReportBuilder.Build(summary, DatasetFacts.Of(data, manifest, null), data, pipeline);
        if (board.Best?.Trial is not { } bestTrial
            || await RecordedPromotion.FindAsync(store, parent.Info.RunId, bestTrial.RunId, cancellationToken).ConfigureAwait(false) is not { } recorded)
        {
            return report;
        }

        // The promoted version's names, as its registry description and predict/serve show them.
        var overrides = names?.NamesFor(recorded.ModelName, recorded.Version);
        var view = report.Best is { } shown && overrides is not null
            ? shown with { Segments = [.. shown.Segments.Select(s => overrides.TryGetValue(s.Segment, out var name) ? s with { Name = name } : s)] }
            : report.Best;
        return report with { Best = view, RecordedPromotion = recorded };
    }

    private static TrainingData Training(DatasetStore datasets, string digest, string? features, out DatasetManifest manifest)
    {
        try
        {
            manifest = datasets.Get(digest);
        }
        catch (DatasetStoreException ex)
        {
            throw new UsageException($"dataset version {DatasetDigest.Short(digest)} is not in the dataset store at {datasets.Root}: {ex.Message} (re-ingest it, or set {DatasetStore.EnvironmentVariable})", ex);
        }

        var table = datasets.Load(digest);
        var selected = string.IsNullOrEmpty(features) ? table.FeatureNames : features.Split(',');
        return TrainingData.FromDataset(new DatasetIngestResult(manifest, table, CacheHit: true, Build: null), selected, manifest.RawInput.Path);
    }

    // The effective config as the sweep logged it; a parent without one (or one this build cannot read) ranks under defaults.
    private static async Task<SweepConfig?> LoggedConfigAsync(ITrackingStore store, string parentRunId, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "segment-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "sweep_config.yaml");
            await store.DownloadArtifactAsync(parentRunId, "sweep_config.yaml", path, cancellationToken).ConfigureAwait(false);
            return SweepConfigLoader.Load(new SweepConfigRequest(path, null, folder, _ => null)).Config;
        }
        catch (Exception ex) when (ex is ConfigException or UsageException or IOException or Tracking.Errors.MlflowException)
        {
            return null;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
