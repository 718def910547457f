using Segmentation.Runner.Data;
using Segmentation.Tracking;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>Builds a sweep's HTML report and logs it to the parent run and, when the gate promoted it, to the best trial's run.</summary>
public static class SweepReportLog
{
    /// <summary>Builds the report of <paramref name="summary"/> (the best trial's model read back from the store) and uploads it.</summary>
    public static async Task<HtmlReport> LogAsync(ITrackingStore store, SweepSummary summary, DatasetFacts dataset, TrainingData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(summary);
        var report = await BuildAsync(store, summary, dataset, data, cancellationToken).ConfigureAwait(false);
        // Rendered once for both runs: the promoted trial's copy is the same bytes.
        var files = HtmlReportArtifacts.Files(report);
        await HtmlReportArtifacts.UploadAsync(store, summary.ParentRunId, files, cancellationToken).ConfigureAwait(false);
        // The promoted model's run carries the report that chose it, so the registry's link leads to the evidence.
        if (summary.Promotion is { Promoted: true } && summary.Leaderboard.Best?.Trial is { } best)
        {
            await HtmlReportArtifacts.UploadAsync(store, best.RunId, files, cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>The report of <paramref name="summary"/>, reading the best trial's pipeline from its model folder.</summary>
    public static async Task<HtmlReport> BuildAsync(ITrackingStore store, SweepSummary summary, DatasetFacts dataset, TrainingData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(summary);
        var pipeline = summary.Leaderboard.Best?.Trial is { } best
            ? await BestTrialModel.LoadAsync(store, best.RunId, cancellationToken).ConfigureAwait(false)
            : null;
        return HtmlReportBuilder.Build(summary, dataset, data, pipeline);
    }
}
