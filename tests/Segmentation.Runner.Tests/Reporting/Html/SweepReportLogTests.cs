using System.Xml.Linq;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Reporting;
using Segmentation.Runner.Reporting.Html;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;

namespace Segmentation.Runner.Tests.Reporting.Html;

public sealed class SweepReportLogTests : IDisposable
{
    private const string Sweep = """
        experiment:
          name: report-tests
        search:
          scalers: [standard]
          algorithms:
            kmeans: {k: {from: 2, to: 5}, n_init: 2}
        constraints: {min_k: 2}
        registry: {model_name: segs, alias: champion}
        gate: {silhouette: {min: 0.1}}
        promote_at_end: true
        """;

    private static readonly string[] Figures = ["elbow-inertia", "elbow-silhouette", "silhouette", "projection", "profile-heatmap", "segment-sizes"];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunAsync_PromotedSweep_ReportAndEveryPlotOnParentAndPromotedRun()
    {
        _dir.Write("configs/s.yaml", Sweep);

        var summary = await new SweepRunner(OpenBackend, new SyntheticDataSource(), TimeProvider.System)
            .RunAsync(new SweepRequest(new SweepConfigRequest("configs/s.yaml", null, _dir.Path, _ => null)), null, CancellationToken.None);

        Assert.True(summary.Promotion!.Promoted);
        using var store = OpenBackend(TrackingUri.Parse("sqlite:///mlflow.db", _dir.Path));
        foreach (var runId in new[] { summary.ParentRunId, summary.Leaderboard.Best!.Trial.RunId })
        {
            var report = await store.ListArtifactsAsync(runId, "report");
            Assert.Equal(["report/index.html"], report.Select(a => a.Path));
            var plots = await store.ListArtifactsAsync(runId, "plots");
            Assert.Equal(Figures.Select(f => "plots/" + f + ".svg").Order(StringComparer.Ordinal), plots.Select(a => a.Path).Order(StringComparer.Ordinal));
        }

        var svg = Path.Combine(_dir.Path, "projection.svg");
        await store.DownloadArtifactAsync(summary.ParentRunId, "plots/projection.svg", svg);
        Assert.Equal("svg", XDocument.Load(svg).Root!.Name.LocalName);
    }

    [Fact]
    public async Task BuildAsync_FinishedSweep_BestTrialViewMatchesTheTrial()
    {
        _dir.Write("configs/s.yaml", Sweep.Replace("promote_at_end: true", "promote_at_end: false", StringComparison.Ordinal));
        var data = new SyntheticDataSource();
        var summary = await new SweepRunner(OpenBackend, data, TimeProvider.System)
            .RunAsync(new SweepRequest(new SweepConfigRequest("configs/s.yaml", null, _dir.Path, _ => null)), null, CancellationToken.None);
        using var store = OpenBackend(TrackingUri.Parse("sqlite:///mlflow.db", _dir.Path));
        var training = data.Load(SweepConfigLoader.Load(new SweepConfigRequest("configs/s.yaml", null, _dir.Path, _ => null)), _dir.Path, CancellationToken.None);

        var report = await SweepReportLog.BuildAsync(store, summary, DatasetFacts.Of(training, null, null), training, CancellationToken.None);

        var best = report.Best!;
        Assert.Equal(summary.Leaderboard.Best!.Trial.RunId, best.Trial.RunId);
        Assert.Equal(best.Trial.K, best.Segments.Count);
        Assert.Equal(training.CustomerIds.Length, best.Segments.Sum(s => s.Size));
        Assert.Equal(training.CustomerIds.Length, best.Projection.Count);
        Assert.All(best.Silhouettes.Values.SelectMany(v => v), s => Assert.InRange(s, -1, 1));
        Assert.Equal(summary.Leaderboard.Best.Trial.Metric(MetricNames.Silhouette), best.Silhouettes.Values.SelectMany(v => v).Average(), 9);
        Assert.Null(report.Summary.Promotion);
    }

    [Fact]
    public async Task LogAsync_FiguresOfAnotherLeaderboard_Refused()
    {
        var report = HtmlReportExporterTests.Report();
        var prepared = new PreparedReport(report, ReportFigures.Render(report));
        // The same trials ranked again: equal content, but not the leaderboard the figures were drawn from.
        var other = ReportFixtures.Summary(Leaderboard.Rank(report.Summary.Leaderboard.Entries.Select(e => e.Trial), ObjectiveConfig.Default, ConstraintsConfig.None));
        using var store = OpenBackend(TrackingUri.Parse("sqlite:///mlflow.db", _dir.Path));

        await Assert.ThrowsAsync<ArgumentException>(() => SweepReportLog.LogAsync(store, prepared, other, CancellationToken.None));
    }

    private static ITrackingBackend OpenBackend(TrackingUri uri) => new TrackingStoreFactory(_ => null, TimeProvider.System, "/").Open(uri);
}
