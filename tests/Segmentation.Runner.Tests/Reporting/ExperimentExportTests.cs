using System.Text.Json;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Reporting;
using Segmentation.Runner.Reporting.Exporters;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Models;

namespace Segmentation.Runner.Tests.Reporting;

public sealed class ExperimentExportTests : IDisposable
{
    private const string Sweep = """
        experiment:
          name: export-tests
        search:
          scalers: [standard]
          algorithms:
            kmeans: {k: {from: 2, to: 5}, n_init: 2}
        constraints: {min_k: 2}
        gate:
          silhouette: {min: 0.99}
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunAsync_WithExportDirectory_WritesEveryFileFromTheSweep()
    {
        _dir.Write("configs/s.yaml", Sweep);

        var summary = await Runner().RunAsync(Request("out/exp"), null, CancellationToken.None);

        var folder = Path.Combine(_dir.Path, "out", "exp");
        Assert.Equal(
            ["README.md", "best-profile.csv", "config.yaml", "dataset.json", "effective-config.yaml", "leaderboard.csv"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Sweep, File.ReadAllText(Path.Combine(folder, "config.yaml")));
        Assert.Contains("name: export-tests  # configs/s.yaml:2", File.ReadAllText(Path.Combine(folder, "effective-config.yaml")), StringComparison.Ordinal);
        Assert.Equal(LeaderboardCsvExporter.Csv(summary.Leaderboard), File.ReadAllText(Path.Combine(folder, "leaderboard.csv")));

        using var store = OpenBackend(TrackingUri.Parse("sqlite:///mlflow.db", _dir.Path));
        var logged = await ModelFolder.LoadAsync(store, summary.Leaderboard.Best!.Trial.RunId);
        Assert.Equal(logged.ClusterProfileCsv, File.ReadAllText(Path.Combine(folder, "best-profile.csv")));

        using var dataset = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "dataset.json")));
        Assert.Equal(summary.DatasetDigest, dataset.RootElement.GetProperty("digest").GetString());
        Assert.Equal(90, dataset.RootElement.GetProperty("rows").GetInt64());
        Assert.Equal("synthetic.csv", dataset.RootElement.GetProperty("raw_input").GetProperty("path").GetString());

        var readme = File.ReadAllText(Path.Combine(folder, "README.md"));
        Assert.Contains("    segment sweep configs/s.yaml --export out/exp\n", readme, StringComparison.Ordinal);
        Assert.Contains("| Trials | 4 planned, 4 finished, ", readme, StringComparison.Ordinal);
        Assert.Contains($"| Best trial | `{summary.Leaderboard.Best.Trial.RunName}`", readme, StringComparison.Ordinal);
        Assert.Contains("| Elbow k | ", readme, StringComparison.Ordinal);
        Assert.Contains("| Gate | the best trial fails silhouette >= 0.99: observed ", readme, StringComparison.Ordinal);
        Assert.DoesNotContain(_dir.Path, readme, StringComparison.Ordinal);
        Assert.DoesNotContain("fit_seconds", readme, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories).Concat(Directory.GetFiles(folder, ".*")));
    }

    [Fact]
    public async Task RunAsync_ResumedWithExport_RewritesTheSameContent()
    {
        _dir.Write("configs/s.yaml", Sweep);
        await Runner().RunAsync(Request("exp"), null, CancellationToken.None);
        var folder = Path.Combine(_dir.Path, "exp");
        var first = Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();

        var again = await Runner().RunAsync(Request("exp"), null, CancellationToken.None);

        Assert.Equal(0, again.Ran);
        Assert.Equal(first, Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllText));
    }

    [Fact]
    public async Task RunAsync_NoEligibleTrial_RemovesStaleProfileAndSaysSo()
    {
        _dir.Write("configs/s.yaml", Sweep.Replace("min_k: 2", "min_k: 9", StringComparison.Ordinal));
        _dir.Write("exp/best-profile.csv", "stale\n");

        await Runner().RunAsync(Request("exp"), null, CancellationToken.None);

        Assert.False(File.Exists(Path.Combine(_dir.Path, "exp", "best-profile.csv")));
        var readme = File.ReadAllText(Path.Combine(_dir.Path, "exp", "README.md"));
        Assert.Contains("| Best trial | none: no finished trial meets the constraints |", readme, StringComparison.Ordinal);
        Assert.Contains("no eligible trial to check", readme, StringComparison.Ordinal);
    }

    private static SweepRunner Runner() => new(OpenBackend, new SyntheticDataSource(), TimeProvider.System);

    private static ITrackingBackend OpenBackend(TrackingUri uri) => new TrackingStoreFactory(_ => null, TimeProvider.System, "/").Open(uri);

    private SweepRequest Request(string export) =>
        new(new SweepConfigRequest("configs/s.yaml", null, _dir.Path, _ => null), ExportDirectory: export);
}
