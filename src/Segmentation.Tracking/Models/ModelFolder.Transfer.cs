using Segmentation.Tracking.Artifacts;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.LoggedModels;
using Segmentation.Tracking.Registry;

namespace Segmentation.Tracking.Models;

/// <remarks>
/// Where the folder goes. MLflow 2 (a 2.x server, a 2.17.2 database): under the run's <c>model/</c> artifacts, recorded with
/// <see cref="ITrackingStore.LogModelAsync"/>; versions point at that folder. MLflow 3 (<see cref="ITrackingStore.SupportsLoggedModelsAsync"/>):
/// into the logged model's own folder (<see cref="LoggedModel.ArtifactUri"/>, <c>&lt;experiment&gt;/models/&lt;model_id&gt;/artifacts</c>),
/// which is MLflow 3's layout, so the Models tab's artifact view and <c>models:/&lt;model_id&gt;</c> versions read it — and also under
/// the run's <c>model/</c>, because the folder is a few kilobytes and that copy keeps every run-based reader working on both
/// generations (<see cref="DownloadAsync(ITrackingStore, string, string, CancellationToken)"/>, promotion's check, <c>runs:/</c> URIs,
/// earlier versions of this tool). Versions are loaded through <see cref="DownloadAsync(ITrackingStore, ModelVersion, string, CancellationToken)"/>,
/// which follows the source of either kind.
/// </remarks>
public sealed partial class ModelFolder
{
    /// <summary>
    /// Logs the model folder to a run under <see cref="ArtifactPath"/>, from memory (no temp files); MLmodel goes last, then
    /// the model is recorded on the run (<see cref="ITrackingStore.LogModelAsync"/>) as MLflow's client does, so the UI's
    /// Models column, the run's logged models and the folder's MLflow Model panel show it.
    /// </summary>
    /// <returns>The model's uuid as written into MLmodel.</returns>
    public static async Task<string> UploadAsync(
        ITrackingStore store, string runId, ModelFolderContent content, DateTimeOffset createdUtc, string toolVersion, string? modelUuid = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var uuid = modelUuid ?? Guid.NewGuid().ToString("N");
        foreach (var (name, bytes) in Files(content, runId, createdUtc, toolVersion, uuid))
        {
            await store.UploadArtifactContentAsync(runId, ArtifactPath + "/" + name, bytes, cancellationToken).ConfigureAwait(false);
        }

        await store.LogModelAsync(runId, HistoryJson(content, runId, createdUtc, toolVersion, uuid), cancellationToken).ConfigureAwait(false);
        return uuid;
    }

    /// <summary>
    /// Logs the model folder as the MLflow 3 logged model <paramref name="model"/> (created PENDING by the caller) of the run, in
    /// the order MLflow 3's client does (v3 fixtures 177-186): recorded as the run's output, files uploaded (MLmodel last) into
    /// the model's folder, then finalized READY; if an upload fails the model is finalized UPLOAD_FAILED.
    /// </summary>
    /// <returns>The model's uuid as written into MLmodel.</returns>
    public static async Task<string> UploadAsync(
        ITrackingStore store, string runId, LoggedModel model, ModelFolderContent content, DateTimeOffset createdUtc, string toolVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(model);
        var uuid = Guid.NewGuid().ToString("N");
        try
        {
            await store.LogModelOutputAsync(runId, model.ModelId, 0, cancellationToken).ConfigureAwait(false);
            foreach (var (name, bytes) in Files(content, runId, createdUtc, toolVersion, uuid, model.ModelId))
            {
                // Into the logged model's folder only, as MLflow 3's client does: a second copy under the run's model/ doubled the
                // uploads per trial; run-based readers follow the run's model output (DownloadAsync).
                await store.UploadLoggedModelArtifactContentAsync(model.ModelId, name, bytes, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is MlflowException or IOException or HttpRequestException or OperationCanceledException)
        {
            await MarkUploadFailedAsync(store, model.ModelId).ConfigureAwait(false);
            throw;
        }

        await store.FinalizeLoggedModelAsync(model.ModelId, LoggedModelStatus.Ready, cancellationToken).ConfigureAwait(false);
        return uuid;
    }

    /// <summary>Logs a model folder already on disk to a run under <see cref="ArtifactPath"/>, after checking it is one of ours.</summary>
    /// <exception cref="ModelFolderException">The folder is not a model folder this tool wrote.</exception>
    public static async Task UploadAsync(ITrackingStore store, string runId, string localDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var folder = Read(localDirectory);
        await store.UploadArtifactsAsync(runId, folder.DirectoryPath, ArtifactPath, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads a run's model into <paramref name="localDirectory"/> and reads it: its MLflow 3 logged model when the run has
    /// one as output (the last), else its <see cref="ArtifactPath"/> folder (MLflow 2, and runs logged before models were only logged models).
    /// </summary>
    /// <exception cref="ModelFolderException">The run has no model folder, or it is not one this tool wrote.</exception>
    public static async Task<ModelFolder> DownloadAsync(ITrackingStore store, string runId, string localDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var run = await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run.ModelOutputs.Count > 0)
        {
            return await DownloadLoggedModelAsync(store, run.ModelOutputs[^1].ModelId, localDirectory, cancellationToken).ConfigureAwait(false);
        }

        return await DownloadFolderAsync(
            ArtifactPath,
            $"run {runId} has no '{ArtifactPath}' artifact folder: it logged no model",
            (path, ct) => store.ListArtifactsAsync(runId, path, ct),
            (path, local, ct) => store.DownloadArtifactAsync(runId, path, local, ct),
            $"of run {runId}",
            localDirectory,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads a run's model folder into a new temporary folder, reads it and deletes the copy: for readers that need its
    /// content once (the segment table, the report's pipeline and profile). The folder's content is in memory; its
    /// <see cref="DirectoryPath"/> no longer exists.
    /// </summary>
    /// <exception cref="ModelFolderException">The run has no model folder, or it is not one this tool wrote.</exception>
    public static async Task<ModelFolder> LoadAsync(ITrackingStore store, string runId, CancellationToken cancellationToken = default)
    {
        var temp = Path.Combine(Path.GetTempPath(), "segmentation-model-" + Guid.NewGuid().ToString("N"));
        try
        {
            return await DownloadAsync(store, runId, temp, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>Downloads an MLflow 3 logged model's artifact folder into <paramref name="localDirectory"/> and reads it.</summary>
    /// <exception cref="ModelFolderException">The model has no files, or they are not a model folder this tool wrote.</exception>
    public static Task<ModelFolder> DownloadLoggedModelAsync(ITrackingStore store, string modelId, string localDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return DownloadFolderAsync(
            string.Empty,
            $"logged model {modelId} has no artifacts: its upload did not happen or failed",
            (path, ct) => store.ListLoggedModelArtifactsAsync(modelId, path, ct),
            (path, local, ct) => store.DownloadLoggedModelArtifactAsync(modelId, path, local, ct),
            $"of logged model {modelId}",
            localDirectory,
            cancellationToken);
    }

    /// <summary>
    /// Downloads the model a registry version was made from, whichever way: a <c>models:/&lt;model_id&gt;</c> source (MLflow 3) from
    /// the logged model's folder, any other source (MLflow 2: the run's <c>…/model</c> artifact path) from its run's <see cref="ArtifactPath"/>.
    /// </summary>
    /// <exception cref="ModelFolderException">The version names neither a logged model nor a run, or what it names is not one of our model folders.</exception>
    public static Task<ModelFolder> DownloadAsync(ITrackingStore store, ModelVersion version, string localDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(version);
        if (LoggedModelUri.ModelIdOf(version.Source) is { } modelId)
        {
            return DownloadLoggedModelAsync(store, modelId, localDirectory, cancellationToken);
        }

        if (!string.IsNullOrEmpty(version.RunId))
        {
            return DownloadAsync(store, version.RunId, localDirectory, cancellationToken);
        }

        throw new ModelFolderException(version.Source,
            $"version {version.Version} of '{version.Name}' has source '{version.Source}' and no run: it was not registered from a model this tool logged");
    }

    private static async Task MarkUploadFailedAsync(ITrackingStore store, string modelId)
    {
        try
        {
            // Not cancellable: a cancelled sweep must still leave the model marked, not PENDING for ever.
            await store.FinalizeLoggedModelAsync(modelId, LoggedModelStatus.UploadFailed, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MlflowException or IOException or HttpRequestException)
        {
            // The upload's own error is what the caller must see.
        }
    }

    private static async Task<ModelFolder> DownloadFolderAsync(
        string root,
        string emptyMessage,
        Func<string?, CancellationToken, Task<IReadOnlyList<ArtifactFile>>> list,
        Func<string, string, CancellationToken, Task> download,
        string owner,
        string localDirectory,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localDirectory);
        var files = new List<string>();
        await CollectFilesAsync(list, root.Length == 0 ? null : root, files, cancellationToken).ConfigureAwait(false);
        if (files.Count == 0)
        {
            throw new ModelFolderException(root.Length == 0 ? owner : root, emptyMessage);
        }

        var target = Path.GetFullPath(localDirectory);
        foreach (var file in files)
        {
            var local = Path.GetFullPath(Path.Combine(target, root.Length == 0 ? file : file[(root.Length + 1)..]));
            if (!local.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new ModelFolderException(file, $"artifact '{file}' {owner} would be written outside '{target}'");
            }

            await download(file, local, cancellationToken).ConfigureAwait(false);
        }

        return Read(target);
    }

    private static async Task CollectFilesAsync(
        Func<string?, CancellationToken, Task<IReadOnlyList<ArtifactFile>>> list, string? path, List<string> files, CancellationToken cancellationToken)
    {
        foreach (var entry in await list(path, cancellationToken).ConfigureAwait(false))
        {
            if (entry.IsDirectory)
            {
                await CollectFilesAsync(list, entry.Path, files, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                files.Add(entry.Path);
            }
        }
    }
}
