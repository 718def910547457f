using System.Text;
using Segmentation.Tracking;

namespace Segmentation.Runner.Recording;

/// <summary>Uploads text the runner generates (configs, plans, leaderboards) as run artifacts, straight from memory.</summary>
public static class RunArtifacts
{
    /// <summary>Uploads <paramref name="text"/> (UTF-8) as <paramref name="artifactPath"/>, relative to the run's artifact root.</summary>
    public static Task UploadTextAsync(ITrackingStore store, string runId, string artifactPath, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(text);
        return store.UploadArtifactContentAsync(runId, artifactPath, Encoding.UTF8.GetBytes(text), cancellationToken);
    }
}
