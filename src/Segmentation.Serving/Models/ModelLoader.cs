using Segmentation.Clustering.Pipeline;
using Segmentation.Data.Configuration;
using Segmentation.Data.Pipeline;
using Segmentation.Tracking;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Models;
using Segmentation.Tracking.Tags;

namespace Segmentation.Serving.Models;

/// <summary>Reference → registry → cached, verified model folder → fitted pipeline and training params.</summary>
public static class ModelLoader
{
    /// <summary>The effective config the Runner logs on each sweep's parent run (data, cleaning and features included).</summary>
    public const string SweepConfigArtifact = "sweep_config.yaml";

    /// <summary>Resolves and loads <paramref name="reference"/>; a folder reference is read in place, others through <paramref name="cache"/>.</summary>
    /// <exception cref="ModelReferenceException">The reference does not resolve.</exception>
    /// <exception cref="ModelFolderException">The folder was not written by this tool, or its pipeline does not load.</exception>
    public static Task<LoadedModel> LoadAsync(ITrackingBackend backend, ModelReference reference, ModelCache cache, CancellationToken cancellationToken) =>
        LoadAsync(backend, reference, cache, null, cancellationToken);

    /// <summary>Resolves and loads <paramref name="reference"/> with the segment name overrides of its version.</summary>
    /// <exception cref="ModelReferenceException">The reference does not resolve.</exception>
    /// <exception cref="ModelFolderException">The folder was not written by this tool, or its pipeline does not load.</exception>
    /// <param name="backend">The tracking backend (registry and artifacts).</param>
    /// <param name="reference">The model reference.</param>
    /// <param name="cache">Where downloaded folders are kept.</param>
    /// <param name="names">Segment name overrides per version (params.yaml <c>segments.names</c>); the resolved version's apply.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    public static async Task<LoadedModel> LoadAsync(
        ITrackingBackend backend, ModelReference reference, ModelCache cache, SegmentNameOverrides? names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(cache);
        var resolved = await ModelResolver.ResolveAsync(backend, backend, reference, cancellationToken).ConfigureAwait(false);
        ModelFolder folder;
        if (resolved.Reference.Kind == ModelReferenceKind.LocalFolder)
        {
            folder = ModelFolder.Read(reference.FolderPath!);
        }
        else
        {
            try
            {
                (folder, _) = await cache.GetAsync(backend, resolved, cancellationToken).ConfigureAwait(false);
            }
            catch (ModelFolderException ex)
            {
                throw new ModelFolderException(ex.FilePath, $"--model '{reference.Text}': {ex.Message}", ex);
            }
        }

        var pipeline = ReadPipeline(folder);
        var (data, source, referenceDate) = await ReadTrainingParamsAsync(backend, folder, resolved.RunId ?? folder.RunId, reference.Kind == ModelReferenceKind.LocalFolder, cancellationToken).ConfigureAwait(false);
        return new LoadedModel(resolved, folder, pipeline, data, source)
        {
            TrainingReferenceDate = referenceDate,
            SegmentNameOverrides = names?.NamesFor(resolved.Name, resolved.Version),
        };
    }

    /// <summary>Loads a model folder on disk without a tracking store (its training params must be in the folder).</summary>
    public static LoadedModel LoadFolder(string directory)
    {
        var folder = ModelFolder.Read(directory);
        var reference = new ModelReference(ModelReferenceKind.LocalFolder, directory, null, null, null, folder.DirectoryPath);
        var (data, source, referenceDate) = FromFolder(folder);
        return new LoadedModel(new ResolvedModel(reference, null, null, null), folder, ReadPipeline(folder), data, source) { TrainingReferenceDate = referenceDate };
    }

    private static FittedPipeline ReadPipeline(ModelFolder folder)
    {
        var path = folder.PipelinePath;
        try
        {
            var pipeline = FittedPipeline.FromJson(folder.PipelineJson);
            if (!pipeline.FeatureNames.SequenceEqual(folder.FeatureNames, StringComparer.Ordinal))
            {
                throw new ModelFolderException(path, $"'{path}' takes the features {string.Join(", ", pipeline.FeatureNames)} but the MLmodel signature lists {string.Join(", ", folder.FeatureNames)}");
            }

            return pipeline;
        }
        catch (ArgumentException ex)
        {
            throw new ModelFolderException(path, $"'{path}' does not load: {ex.Message}", ex);
        }
    }

    private static (DataOptions? Data, string? Source, DateOnly? ReferenceDate) FromFolder(ModelFolder folder)
    {
        if (folder.Attachment(TrainingParams.FileName) is not { } json)
        {
            return (null, null, null);
        }

        var path = folder.AttachmentSource(TrainingParams.FileName);
        var training = TrainingParams.FromJson(json, path);
        return (training.ToDataOptions(path), path, training.ReferenceDate);
    }

    // Models logged before training_params.json existed: the parent sweep's effective config holds the same sections.
    private static async Task<(DataOptions? Data, string? Source, DateOnly? ReferenceDate)> ReadTrainingParamsAsync(
        ITrackingBackend backend, ModelFolder folder, string? runId, bool localOnly, CancellationToken cancellationToken)
    {
        var inFolder = FromFolder(folder);
        if (inFolder.Data is not null || localOnly || runId is null)
        {
            return inFolder;
        }

        var run = await backend.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (!run.Data.Tags.TryGetValue(MlflowTags.ParentRunId, out var parentId))
        {
            return (null, null, null);
        }

        var temp = Path.Combine(Path.GetTempPath(), "segmentation-sweep-config-" + Guid.NewGuid().ToString("N"));
        try
        {
            var local = Path.Combine(temp, SweepConfigArtifact);
            try
            {
                await backend.DownloadArtifactAsync(parentId, SweepConfigArtifact, local, cancellationToken).ConfigureAwait(false);
            }
            catch (ResourceNotFoundException)
            {
                return (null, null, null);
            }

            var source = $"runs:/{parentId}/{SweepConfigArtifact}";
            if (!File.Exists(local))
            {
                return (null, null, null);
            }

            // The sweep config records the date only when it was given; an auto date was not resolved there.
            var data = DataOptions.Bind(ConfigDocument.Parse(await File.ReadAllTextAsync(local, cancellationToken).ConfigureAwait(false), source));
            return (data, source, data.Features.ReferenceDate);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }
}
