using Segmentation.Clustering.Pipeline;
using Segmentation.Runner.Data;
using Segmentation.Tracking;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>Builds a sweep's HTML report and logs it to the parent run and, when the gate promoted it, to the best trial's run.</summary>
public static class SweepReportLog
{
    /// <summary>The report of <paramref name="summary"/> and its rendered figures; <paramref name="bestPipeline"/> is the best trial's model (null without one).</summary>
    public static PreparedReport Prepare(SweepSummary summary, DatasetFacts dataset, TrainingData data, FittedPipeline? bestPipeline)
    {
        var report = HtmlReportBuilder.Build(summary, dataset, data, bestPipeline);
        return new PreparedReport(report, ReportFigures.Render(report));
    }

    /// <summary>
    /// Uploads the report of <paramref name="summary"/> (the sweep's final summary: gate decision included) with the figures
    /// of <paramref name="prepared"/>, which must come from the same leaderboard.
    /// </summary>
    public static async Task<HtmlReport> LogAsync(ITrackingStore store, PreparedReport prepared, SweepSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(summary);
        if (!ReferenceEquals(summary.Leaderboard, prepared.Report.Summary.Leaderboard) || !ReferenceEquals(summary.Curves, prepared.Report.Summary.Curves))
        {
            throw new ArgumentException("the prepared figures were drawn from another leaderboard than the summary's", nameof(summary));
        }

        var report = prepared.Report with { Summary = summary };
        // Rendered once for both runs: the promoted trial's copy is the same bytes.
        var files = HtmlReportArtifacts.Files(report, prepared.Figures);
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
