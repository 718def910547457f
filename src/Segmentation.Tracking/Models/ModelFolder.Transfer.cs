using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Models;

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

    /// <summary>Logs a model folder already on disk to a run under <see cref="ArtifactPath"/>, after checking it is one of ours.</summary>
    /// <exception cref="ModelFolderException">The folder is not a model folder this tool wrote.</exception>
    public static async Task UploadAsync(ITrackingStore store, string runId, string localDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var folder = Read(localDirectory);
        await store.UploadArtifactsAsync(runId, folder.DirectoryPath, ArtifactPath, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads a run's <see cref="ArtifactPath"/> folder into <paramref name="localDirectory"/> and reads it.</summary>
    /// <exception cref="ModelFolderException">The run has no model folder, or it is not one this tool wrote.</exception>
    public static async Task<ModelFolder> DownloadAsync(ITrackingStore store, string runId, string localDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(localDirectory);
        var files = new List<string>();
        await CollectFilesAsync(store, runId, ArtifactPath, files, cancellationToken).ConfigureAwait(false);
        if (files.Count == 0)
        {
            throw new ModelFolderException(ArtifactPath, $"run {runId} has no '{ArtifactPath}' artifact folder: it logged no model");
        }

        var root = Path.GetFullPath(localDirectory);
        foreach (var file in files)
        {
            var local = Path.GetFullPath(Path.Combine(root, file[(ArtifactPath.Length + 1)..]));
            if (!local.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new ModelFolderException(file, $"artifact '{file}' of run {runId} would be written outside '{root}'");
            }

            await store.DownloadArtifactAsync(runId, file, local, cancellationToken).ConfigureAwait(false);
        }

        return Read(root);
    }

    private static async Task CollectFilesAsync(ITrackingStore store, string runId, string path, List<string> files, CancellationToken cancellationToken)
    {
        foreach (var entry in await store.ListArtifactsAsync(runId, path, cancellationToken).ConfigureAwait(false))
        {
            if (entry.IsDirectory)
            {
                await CollectFilesAsync(store, runId, entry.Path, files, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                files.Add(entry.Path);
            }
        }
    }
}
