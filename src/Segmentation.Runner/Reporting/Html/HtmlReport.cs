namespace Segmentation.Runner.Reporting.Html;

/// <summary>Everything the sweep's HTML report and its figures show: the sweep summary, the dataset facts and the best trial's view.</summary>
/// <param name="Summary">The sweep's report object (leaderboard, curves, gate decision).</param>
/// <param name="Dataset">The training data's facts.</param>
/// <param name="Best">The best trial's figures' data, or null when no trial is eligible.</param>
public sealed record HtmlReport(SweepSummary Summary, DatasetFacts Dataset, BestTrialView? Best)
{
    /// <summary>For a past sweep: the gate decision <c>segment promote</c> recorded on the best trial's model version, or null.</summary>
    public RecordedPromotion? RecordedPromotion { get; init; }
}
