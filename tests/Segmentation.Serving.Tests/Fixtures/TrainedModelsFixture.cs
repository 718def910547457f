using System.Globalization;
using Segmentation.Clustering;
using Segmentation.Data.Configuration;
using Segmentation.Data.Pipeline;
using Segmentation.Data.Products;
using Segmentation.Data.Versioning;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Recording;
using Segmentation.Runner.SingleFit;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Models;
using Segmentation.Tracking.Runs;

namespace Segmentation.Serving.Tests.Fixtures;

/// <summary>
/// Reads the shipped data once (ingest takes seconds), fits one model per algorithm as a sweep trial would, logs each
/// to a temporary local tracking store with its model folder and training params, and registers it as version 1.
/// </summary>
public sealed class TrainedModelsFixture : IDisposable
{
    /// <summary>The features the test models use: few, so agglomerative and DBSCAN stay quick.</summary>
    public static readonly string[] Features = ["recency_days", "frequency", "monetary", "tenure_days"];

    private readonly TempDirectory _directory = new();
    private readonly Dictionary<string, TrainedModel> _models = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lock = new(1, 1);

    public TrainedModelsFixture()
    {
        Root = ConfigDocument.Load(RepositoryPaths.ParamsFile);
        var options = DataOptions.Bind(Root);
        options = options with { Ingestion = options.Ingestion with { Input = RepositoryPaths.ShippedDataset } };
        Built = FeaturePipeline.Run(options, RepositoryPaths.Root, CancellationToken.None);
        var table = Built.Table;
        Training = new TrainingData(table.CustomerIds, Features, new Matrix(table.ToRowMajor(Features), table.RowCount, Features.Length), DatasetDigest.Compute(table), RepositoryPaths.ShippedDataset)
        {
            ReferenceDate = Built.ReferenceDate,
        };
        TrackingUri = "sqlite:///" + Path.Combine(_directory.Path, "mlflow.db");
        Backend = Open();
    }

    /// <summary>params.yaml as the sweep would merge it.</summary>
    public ConfigMapping Root { get; }

    /// <summary>The shipped data through the pipeline.</summary>
    public FeatureBuildResult Built { get; }

    /// <summary>The training table of the test models.</summary>
    public TrainingData Training { get; }

    /// <summary>The local tracking store's URI.</summary>
    public string TrackingUri { get; }

    /// <summary>The store the models are logged to.</summary>
    public ITrackingBackend Backend { get; }

    /// <summary>A scratch folder that lives as long as the fixture.</summary>
    public string Scratch => _directory.Path;

    /// <summary>Opens another backend on the same store.</summary>
    public ITrackingBackend Open() => new TrackingStoreFactory(_ => null, TimeProvider.System, _directory.Path).Open(TrackingUri);

    /// <summary>The model of <paramref name="algorithm"/>, fitted, logged and registered on first use.</summary>
    public async Task<TrainedModel> GetAsync(string algorithm, bool withTrainingParams = true)
    {
        var key = algorithm + (withTrainingParams ? string.Empty : "-legacy");
        await _lock.WaitAsync();
        try
        {
            if (!_models.TryGetValue(key, out var model))
            {
                model = await TrainAsync(algorithm, key, withTrainingParams);
                _models[key] = model;
            }

            return model;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<TrainedModel> TrainAsync(string algorithm, string name, bool withTrainingParams)
    {
        var values = algorithm switch
        {
            "dbscan" => new ParameterValues([new("eps", 0.35), new("min_samples", 10)]),
            _ => new ParameterValues([new("k", 4)]),
        };
        var request = SingleFitRequest.Create(algorithm, values, "log1p+standard", ReductionChoice.None, 42);
        var fit = SingleFitRunner.Fit(Training, request);
        var experiment = await Backend.GetOrCreateExperimentAsync("serving-tests");
        var now = DateTimeOffset.UnixEpoch.AddYears(55);
        // A parent run with the effective config, as a sweep logs it, so the legacy path (no training_params.json) finds it.
        var parent = await Backend.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "sweep-" + name, now.ToUnixTimeMilliseconds(), null));
        await RunArtifacts.UploadTextAsync(Backend, parent.Info.RunId, "sweep_config.yaml", EffectiveConfigWriter.ToYaml(Root, withSources: true), CancellationToken.None);
        var run = await Backend.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, fit.Trial.RunName, now.ToUnixTimeMilliseconds(), null, parent.Info.RunId));
        var runId = run.Info.RunId;
        await Backend.LogBatchAsync(runId, null, [.. fit.Trial.Params.Select(p => new Param(p.Key, p.Value))]);
        var profile = ClusterProfile.ToCsv(Training.Features, Features, [.. fit.Labels]);
        // The modern model records its training params and products per segment as a sweep does; the legacy one predates them.
        var attachments = withTrainingParams
            ? new Dictionary<string, string>
            {
                [Data.Pipeline.TrainingParams.FileName] = Data.Pipeline.TrainingParams.FromConfig(Root, m => EffectiveConfigWriter.ToYaml(m, withSources: false), Features, Training.ReferenceDate).ToJson(),
                [SegmentProductsCsv.FileName] = SegmentProductsCsv.Write(SegmentProductLift.Compute(Built.Products!, Training.CustomerIds, fit.Labels, 10, 20)),
            }
            : null;
        await ModelFolder.UploadAsync(Backend, runId, TrialModel.Content(fit.Pipeline, profile, attachments), now, "test");
        await Backend.UpdateRunAsync(runId, RunStatus.Finished, now.ToUnixTimeMilliseconds());
        await Backend.CreateRegisteredModelAsync(name);
        var version = await Backend.CreateModelVersionAsync(name, $"runs:/{runId}/model", runId);
        Assert.Equal("1", version.Version.ToString(CultureInfo.InvariantCulture));
        return new TrainedModel(name, runId, fit);
    }

    public void Dispose()
    {
        Backend.Dispose();
        _lock.Dispose();
        _directory.Dispose();
    }
}
