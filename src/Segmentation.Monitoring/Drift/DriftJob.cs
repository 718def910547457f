using System.Text;
using Segmentation.Clustering;
using Segmentation.Data.Features;
using Segmentation.Data.Versioning;
using Segmentation.Monitoring.Reporting;
using Segmentation.Runner.Data;
using Segmentation.Runner.Recording;
using Segmentation.Serving.Models;
using Segmentation.Serving.Scoring;
using Segmentation.Tracking;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Monitoring.Drift;

/// <summary>
/// Runs <c>segment drift</c>: the model and its training dataset version (through the run's dataset digest and the dataset
/// store), the new batch through the model's own ingestion, cleaning and features, the comparison, the monitoring run.
/// </summary>
/// <param name="backend">The tracking backend (registry, model artifacts, the monitoring run).</param>
/// <param name="cache">Where downloaded model folders are kept.</param>
/// <param name="store">The dataset store holding the training version.</param>
/// <param name="clock">Timestamps.</param>
/// <param name="workingDirectory">Where relative paths resolve.</param>
public sealed class DriftJob(ITrackingBackend backend, ModelCache cache, DatasetStore store, TimeProvider clock, string workingDirectory)
{
    /// <summary>The dataset name of the new batch in the monitoring run's inputs.</summary>
    public const string CurrentDatasetName = "current_batch";

    /// <summary>Runs the request.</summary>
    /// <exception cref="DatasetStoreException">The training version is not in the store (the message says how to rebuild it).</exception>
    public async Task<DriftOutcome> RunAsync(DriftRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = await ModelLoader.LoadAsync(backend, ModelReference.Parse(request.Model, workingDirectory), cache, cancellationToken).ConfigureAwait(false);
        var run = model.RunId.Length > 0 ? await backend.GetRunAsync(model.RunId, cancellationToken).ConfigureAwait(false) : null;
        var (referenceTable, referenceSide) = LoadReference(model, run);
        var current = await Task.Run(
            () => CustomerBatchReader.Read(request.Input, model.FeatureNames, model.Data, request.ReferenceDate, workingDirectory, cancellationToken), cancellationToken).ConfigureAwait(false);
        var currentSide = new DatasetSide(
            CurrentDatasetName, DatasetDigest.Compute(current.Features), TrainingData.SourceAsGiven(request.Input, workingDirectory), current.Features.RowCount, current.ReferenceDate);
        double? trainingSilhouette = run is not null && run.Data.Metrics.TryGetValue(Runner.Configuration.MetricNames.Silhouette, out var s) ? s.Value : null;
        var refit = run is null
            ? new RefitPlan(null, null, "the model has no run to read its configuration from")
            : RefitPlan.FromRunParams(run.Data.Params, run.Data.Tags.GetValueOrDefault(MlflowTags.RunName));
        var report = await Task.Run(
            () => DriftAnalyzer.Analyze(model, referenceTable, referenceSide, current, currentSide, request.Thresholds, trainingSilhouette, refit, clock), cancellationToken).ConfigureAwait(false);
        if (request.Track)
        {
            report = await new DriftRecorder(backend, clock).RecordAsync(report, request, Input(model, referenceTable, referenceSide, MlflowTags.DatasetContextReference), Input(model, current.Features, currentSide, MlflowTags.DatasetContextCurrent), workingDirectory, cancellationToken).ConfigureAwait(false);
        }

        var files = new List<string>();
        if (request.OutputDirectory is { } directory)
        {
            var root = Path.GetFullPath(directory, workingDirectory);
            foreach (var exporter in new Runner.Reporting.Exporters.IReportExporter<DriftReport>[] { DriftHtmlExporter.Instance, DriftJsonExporter.Instance })
            {
                var path = Path.Combine(root, exporter.FileName);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, exporter.Export(report), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
                files.Add(path);
            }
        }

        return new DriftOutcome(report, files);
    }

    private (CustomerFeatureTable Table, DatasetSide Side) LoadReference(LoadedModel model, Run? run)
    {
        if (run is null || !run.Data.Tags.TryGetValue(SegmentationTags.DatasetDigest, out var digest) || digest.Length == 0)
        {
            throw new DatasetStoreException(
                $"model '{model.ModelName}' has no training run with a {SegmentationTags.DatasetDigest} tag, so its training dataset is unknown; drift needs a model trained by 'segment sweep'");
        }

        var training = run.Inputs.FirstOrDefault(i => i.Tags.GetValueOrDefault(MlflowTags.DatasetContext) == MlflowTags.DatasetContextTraining)?.Dataset;
        if (!File.Exists(store.ManifestPath(digest)))
        {
            var source = training is null ? "the training transactions" : $"the training transactions ({training.Source})";
            throw new DatasetStoreException(
                $"the training dataset {DatasetDigest.Short(digest)} of model '{model.ModelName}' (run {run.Info.RunId}) is not in the dataset store {store.Root}; "
                + $"rebuild it with 'segment data ingest' from {source} with the sweep's params (the same file and params give the same digest), "
                + $"or point --dataset-store / {DatasetStore.EnvironmentVariable} at the store the sweep used");
        }

        var manifest = store.Get(digest);
        var table = store.Load(digest);
        return (table, new DatasetSide(manifest.Name, manifest.Digest, manifest.RawInput.Path, table.RowCount, manifest.Build?.ReferenceDate));
    }

    // The same dataset input the sweep logs for its training table (schema of the model's features, profile), under its own context.
    private static DatasetInput Input(LoadedModel model, CustomerFeatureTable table, DatasetSide side, string context)
    {
        var features = model.FeatureNames;
        var data = new TrainingData(table.CustomerIds, [.. features], new Matrix(table.ToRowMajor(features), table.RowCount, features.Count), side.Digest, side.Source, side.Name);
        var input = TrainingDatasetInput.Of(data);
        return input with { Tags = new Dictionary<string, string> { [MlflowTags.DatasetContext] = context } };
    }
}
