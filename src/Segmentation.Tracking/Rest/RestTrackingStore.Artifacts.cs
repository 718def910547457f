using Segmentation.Tracking.Artifacts;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Rest;

/// <summary>Artifacts through the server's <c>mlflow-artifacts</c> proxy: PUT uploads, folder listing, GET downloads.</summary>
public sealed partial class RestTrackingStore
{
    /// <inheritdoc />
    public async Task UploadArtifactAsync(string runId, string localFile, string? artifactPath = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(localFile);
        if (!File.Exists(localFile))
        {
            throw new FileNotFoundException($"artifact file '{localFile}' does not exist", localFile);
        }

        var folder = MlflowArtifactPaths.NormaliseRelative(artifactPath, nameof(artifactPath));
        var root = await ProxyRootAsync(runId, cancellationToken).ConfigureAwait(false);
        await PutFileAsync(root, MlflowArtifactPaths.Join(folder, Path.GetFileName(localFile)), localFile, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task UploadArtifactContentAsync(string runId, string artifactFilePath, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var relative = ArtifactPaths.NormaliseFile(artifactFilePath, nameof(artifactFilePath));
        var root = await ProxyRootAsync(runId, cancellationToken).ConfigureAwait(false);
        await _client.PutBytesAsync(
            MlflowArtifactPaths.FilePath(root, relative),
            content,
            MlflowArtifactPaths.ContentTypeFor(relative),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task UploadArtifactsAsync(string runId, string localDirectory, string? artifactPath = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(localDirectory);
        if (!Directory.Exists(localDirectory))
        {
            throw new DirectoryNotFoundException($"artifact folder '{localDirectory}' does not exist");
        }

        var folder = MlflowArtifactPaths.NormaliseRelative(artifactPath, nameof(artifactPath));
        var root = await ProxyRootAsync(runId, cancellationToken).ConfigureAwait(false);
        var files = Directory.EnumerateFiles(localDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(localDirectory, file).Replace(Path.DirectorySeparatorChar, '/');
            await PutFileAsync(root, MlflowArtifactPaths.Join(folder, relative), file, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ArtifactFile>> ListArtifactsAsync(string runId, string? path = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var folder = MlflowArtifactPaths.NormaliseRelative(path, nameof(path));
        var root = await ProxyRootAsync(runId, cancellationToken).ConfigureAwait(false);
        var json = await _client.GetJsonAsync(
            MlflowArtifactPaths.ProxyEndpoint,
            [Q("path", MlflowArtifactPaths.Join(root, folder))],
            cancellationToken).ConfigureAwait(false);

        // The proxy lists relative to the folder asked for; callers get paths relative to the run root.
        return MlflowJsonReader.Items(json, "files")
            .Select(f => MlflowJsonReader.ReadArtifactFile(f, folder))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToArray();
    }

    /// <inheritdoc />
    public async Task DownloadArtifactAsync(string runId, string path, string localDestination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(localDestination);
        var relative = MlflowArtifactPaths.NormaliseRelative(path, nameof(path));
        if (relative.Length == 0)
        {
            throw new InvalidParameterException("artifact path to download must name a file, not the run's root folder");
        }

        var root = await ProxyRootAsync(runId, cancellationToken).ConfigureAwait(false);
        var bytes = await _client.GetBytesAsync(MlflowArtifactPaths.FilePath(root, relative), query: null, cancellationToken).ConfigureAwait(false);
        await SaveDownloadAsync(localDestination, bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a downloaded artifact through a temporary file beside <paramref name="localDestination"/>, renamed into place:
    /// a Ctrl-C or full disk mid-write leaves neither a half-written destination nor the temporary file behind.
    /// </summary>
    private static async Task SaveDownloadAsync(string localDestination, byte[] bytes, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(localDestination);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temp = Path.Combine(directory ?? string.Empty, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            await File.WriteAllBytesAsync(temp, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task PutFileAsync(string root, string relativePath, string localFile, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(localFile, cancellationToken).ConfigureAwait(false);
        await _client.PutBytesAsync(
            MlflowArtifactPaths.FilePath(root, relativePath),
            bytes,
            MlflowArtifactPaths.ContentTypeFor(localFile),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> ProxyRootAsync(string runId, CancellationToken cancellationToken)
    {
        if (!_artifactRoots.TryGetValue(runId, out var uri))
        {
            uri = (await GetRunAsync(runId, cancellationToken).ConfigureAwait(false)).Info.ArtifactUri;
        }

        return MlflowArtifactPaths.ToProxyRoot(uri);
    }
}
