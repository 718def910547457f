using Segmentation.Tracking;

namespace Segmentation.Runner.Recording;

/// <summary>Uploads text the runner generates (configs, plans, leaderboards) as run artifacts.</summary>
public static class RunArtifacts
{
    /// <summary>Uploads <paramref name="text"/> as <paramref name="fileName"/> at the run's artifact root.</summary>
    public static async Task UploadTextAsync(ITrackingStore store, string runId, string fileName, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var dir = Path.Combine(Path.GetTempPath(), "segment-upload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, fileName);
            await File.WriteAllTextAsync(file, text, cancellationToken).ConfigureAwait(false);
            await store.UploadArtifactAsync(runId, file, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TryDelete(dir);
        }
    }

    /// <summary>Deletes a scratch folder; a leftover one is harmless, so failures are ignored.</summary>
    public static void TryDelete(string directory)
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
