using Segmentation.Clustering.Pipeline;
using Segmentation.Tracking;
using Segmentation.Tracking.Models;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>Reads a trial's fitted pipeline back from its run's model folder, the one source of the best trial's figures.</summary>
public static class BestTrialModel
{
    /// <summary>Reads the pipeline of <paramref name="runId"/>'s model folder.</summary>
    public static async Task<FittedPipeline> LoadAsync(ITrackingStore store, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Of(await ModelFolder.LoadAsync(store, runId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The pipeline of a model folder already read.</summary>
    public static FittedPipeline Of(ModelFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return FittedPipeline.FromJson(folder.PipelineJson);
    }
}
