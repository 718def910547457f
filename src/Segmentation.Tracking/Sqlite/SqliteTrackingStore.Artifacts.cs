using Segmentation.Tracking.Artifacts;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Sqlite;

public sealed partial class SqliteTrackingStore
{
    private const string ProxiedScheme = "mlflow-artifacts:";

    /// <inheritdoc/>
    public async Task UploadArtifactAsync(string runId, string localFile, string? artifactPath = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(localFile);
        if (!File.Exists(localFile))
        {
            throw new FileNotFoundException($"artifact file '{localFile}' does not exist", localFile);
        }

        var targetDirectory = ResolveInside(await RunArtifactDirectoryAsync(runId, cancellationToken).ConfigureAwait(false), artifactPath);
        Directory.CreateDirectory(targetDirectory);
        await CopyFileAsync(localFile, Path.Combine(targetDirectory, Path.GetFileName(localFile)), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task UploadArtifactContentAsync(string runId, string artifactFilePath, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var relative = ArtifactPaths.NormaliseFile(artifactFilePath, nameof(artifactFilePath));
        WriteArtifactContent(await RunArtifactDirectoryAsync(runId, cancellationToken).ConfigureAwait(false), relative, content, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task UploadArtifactsAsync(string runId, string localDirectory, string? artifactPath = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(localDirectory);
        if (!Directory.Exists(localDirectory))
        {
            throw new DirectoryNotFoundException($"artifact folder '{localDirectory}' does not exist");
        }

        var targetRoot = ResolveInside(await RunArtifactDirectoryAsync(runId, cancellationToken).ConfigureAwait(false), artifactPath);
        Directory.CreateDirectory(targetRoot);
        foreach (var file in Directory.EnumerateFiles(localDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(targetRoot, Path.GetRelativePath(localDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await CopyFileAsync(file, target, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ArtifactFile>> ListArtifactsAsync(string runId, string? path = null, CancellationToken cancellationToken = default)
    {
        return ListArtifactsUnder(await RunArtifactDirectoryAsync(runId, cancellationToken).ConfigureAwait(false), path);
    }

    /// <inheritdoc/>
    public async Task DownloadArtifactAsync(string runId, string path, string localDestination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(localDestination);
        await CopyArtifactOutAsync(await RunArtifactDirectoryAsync(runId, cancellationToken).ConfigureAwait(false), path, localDestination,
            $"artifact '{path}' of run {runId}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The local folder holding a run's artifacts (resolved from its artifact_uri).</summary>
    public async Task<string> RunArtifactDirectoryAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        if (_runArtifactDirectories.TryGetValue(runId, out var known))
        {
            return known;
        }

        var uri = await ReadAsync(connection => Scalar(connection, null, "SELECT artifact_uri FROM runs WHERE run_uuid = $id", ("$id", runId)) as string
            ?? throw RunNotFound(runId), cancellationToken).ConfigureAwait(false);
        return _runArtifactDirectories.GetOrAdd(runId, ArtifactUriToPath(uri));
    }

    /// <summary>Writes one file under an artifact folder beside its target and renames it over, so a reader (or a crash) never sees half a file.</summary>
    /// <remarks>
    /// The bytes are already in memory and land in the page cache, so the write is one synchronous call: asynchronous file
    /// I/O on Linux is a thread-pool hop per call, which a sweep paid for each of its trials' seven model files. Bytes this
    /// store wrote before (five of a model folder's seven files are the same for every trial) are linked, not written
    /// (<see cref="SharedArtifactFiles"/>).
    /// </remarks>
    private void WriteArtifactContent(string root, string relative, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var target = ResolveInside(root, relative);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(target) + "." + NewUuid() + ".tmp");
        try
        {
            if (!_sharedFiles.TryLink(content.Span, temp, out var digest))
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
                {
                    stream.Write(content.Span);
                }

                File.Move(temp, target, overwrite: true);
                _sharedFiles.Written(digest, target);
                return;
            }

            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>The direct children of a folder under an artifact root, paths relative to the root; a missing folder is empty, as in MLflow.</summary>
    private static List<ArtifactFile> ListArtifactsUnder(string root, string? path)
    {
        var directory = ResolveInside(root, path);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var entries = new List<ArtifactFile>();
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            entries.Add(entry is FileInfo file ? new ArtifactFile(relative, false, file.Length) : new ArtifactFile(relative, true, null));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    private static async Task CopyArtifactOutAsync(string root, string path, string localDestination, string what, CancellationToken cancellationToken)
    {
        var source = ResolveInside(root, path);
        if (!File.Exists(source))
        {
            throw new ResourceNotFoundException(what + " does not exist");
        }

        var destination = Path.GetFullPath(localDestination);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        await CopyFileAsync(source, destination, cancellationToken).ConfigureAwait(false);
    }

    private string ArtifactUriToPath(string artifactUri)
    {
        if (artifactUri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return Path.GetFullPath(new Uri(artifactUri).LocalPath);
        }

        if (artifactUri.StartsWith(ProxiedScheme, StringComparison.OrdinalIgnoreCase))
        {
            // A database written by `mlflow server --serve-artifacts` in this folder: its
            // default artifacts destination is ./mlartifacts, the same folder this store uses.
            var relative = artifactUri[ProxiedScheme.Length..].TrimStart('/');
            return Path.GetFullPath(Path.Combine(ArtifactRootDirectory, relative));
        }

        if (Path.IsPathRooted(artifactUri))
        {
            return Path.GetFullPath(artifactUri);
        }

        throw new MlflowException(ErrorCodes.InvalidParameterValue,
            $"artifact URI '{artifactUri}' is not a local file or mlflow-artifacts URI; open this experiment through its tracking server instead");
    }

    private static string ResolveInside(string root, string? relative)
    {
        if (string.IsNullOrEmpty(relative) || relative is "." or "/")
        {
            return root;
        }

        var normalised = relative.Replace('\\', '/').Trim('/');
        if (normalised.Split('/').Any(part => part == ".."))
        {
            throw new InvalidParameterException($"artifact path '{relative}' must not contain '..'");
        }

        var full = Path.GetFullPath(Path.Combine(root, normalised));
        var rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return full == root || full.StartsWith(rootWithSeparator, StringComparison.Ordinal)
            ? full
            : throw new InvalidParameterException($"artifact path '{relative}' leaves the run's artifact folder");
    }

    private static Task CopyFileAsync(string source, string destination, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // File.Copy lets the OS copy in-kernel; artifacts are model files and reports, not streams worth chunking.
        File.Copy(source, destination, overwrite: true);
        return Task.CompletedTask;
    }
}
