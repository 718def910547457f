using Segmentation.Clustering.Pipeline;
using Segmentation.Tracking;
using Segmentation.Tracking.Models;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>Reads a trial's fitted pipeline back from its run's model folder, the one source of the best trial's figures.</summary>
public static class BestTrialModel
{
    /// <summary>Downloads <c>model/pipeline.json</c> of <paramref name="runId"/> and parses it.</summary>
    public static async Task<FittedPipeline> LoadAsync(ITrackingStore store, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var temp = Path.Combine(Path.GetTempPath(), "segment-report-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            await store.DownloadArtifactAsync(runId, ModelFolder.ArtifactPath + "/" + ModelFolder.PipelineFile, temp, cancellationToken).ConfigureAwait(false);
            return FittedPipeline.FromJson(await File.ReadAllTextAsync(temp, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
