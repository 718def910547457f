using System.Runtime.CompilerServices;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Promotion;
using Segmentation.Runner.Promotion.Exporters;
using Segmentation.Runner.Selection;
using Segmentation.Tracking.Registry;

namespace Segmentation.Runner.Tests.Promotion;

public sealed class PromotionReportTests
{
    private static readonly ConstraintsConfig Constraints = new(MinK: 3, MaxK: null, MinClusterFraction: 0.02, MaxClusterFraction: null, MaxNoiseFraction: null);

    [Fact]
    public void Markdown_PromotedToStage_MatchesGolden()
    {
        var request = Request(new RegistryTarget("customer-segmentation", "Production", null));
        var result = new PromotionResult(PromotionOutcome.Promoted, request, Selection(request), [], FixedClock.Instant)
        {
            Version = new ModelVersion(
                "customer-segmentation", "7", 0, 0, ModelStages.Production, null, "file:///store/mlartifacts/1/run-k4/artifacts/model",
                "run-k4", ModelStages.Ready, null, new Dictionary<string, string>(), []),
            ArchivedVersions = ["5", "6"],
        };

        AssertGolden("promoted-stage.md", new PromotionMarkdownExporter(3).Export(result));
    }

    [Fact]
    public void Markdown_GateFailed_MatchesGolden()
    {
        var request = Request(new RegistryTarget("customer-segmentation", null, "champion")) with
        {
            Gate = new GateConfig([new GateThreshold(MetricNames.Silhouette, 0.5, null), new GateThreshold(MetricNames.DaviesBouldin, null, 0.9)]),
        };
        var selection = Selection(request);
        var failures = request.Gate.Failures(selection.Best!.Trial.Metrics);
        var result = new PromotionResult(PromotionOutcome.GateFailed, request, selection, failures, FixedClock.Instant);

        AssertGolden("gate-failed.md", new PromotionMarkdownExporter().Export(result));
    }

    [Fact]
    public void Markdown_CellTextWithPipes_IsEscaped()
    {
        Assert.Equal("a\\|b c", PromotionText.Cell("a|b\nc"));
    }

    private static PromotionRequest Request(RegistryTarget target) =>
        new("retail-kmeans", null, ObjectiveConfig.Default, Constraints, new GateConfig([new GateThreshold(MetricNames.Silhouette, 0.35, null)]), target);

    private static TrialSelection Selection(PromotionRequest request)
    {
        TrialRun[] trials =
        [
            Trial("kmeans-k2-standard", 2, 0.612345, 0.55, 0.30),
            Trial("kmeans-k4-robust-pca3", 4, 0.4823, 0.95, 0.08),
            Trial("kmeans-k5-robust-pca3", 5, 0.45, 1.01, 0.06),
            Trial("kmeans-k6-robust", 6, 0.41, 1.2, 0.01),
            Trial("kmeans-k3-standard", 3, 0.39, 1.1, 0.12),
        ];
        return new TrialSelection("1", "0f1e2d3c4b5a69788796a5b4c3d2e1f0", request.Objective, request.Constraints,
            TrialRanker.Rank(trials, request.Objective, request.Constraints));
    }

    private static TrialRun Trial(string name, int k, double silhouette, double daviesBouldin, double minFraction) =>
        new("run-k" + k, name, "hash-" + k,
            new Dictionary<string, string> { ["algorithm"] = "kmeans", ["k"] = k.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new Dictionary<string, double>
            {
                [MetricNames.Silhouette] = silhouette,
                [MetricNames.DaviesBouldin] = daviesBouldin,
                [MetricNames.ClusterCount] = k,
                [MetricNames.MinClusterFraction] = minFraction,
            },
            "file:///store/mlartifacts/1/run-k" + k + "/artifacts");

    // Set UPDATE_GOLDEN=1 to rewrite the files after an intended change; review the diff before committing.
    private static void AssertGolden(string name, string actual, [CallerFilePath] string sourceFile = "")
    {
        var path = Path.Combine(GoldenDirectory(sourceFile), name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run the test with UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    // The source folder when the compiler recorded a real path; otherwise found above the test binaries (path-mapped CI builds).
    private static string GoldenDirectory(string sourceFile)
    {
        var beside = Path.Combine(Path.GetDirectoryName(sourceFile) ?? string.Empty, "Golden");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Promotion", "Golden");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return beside;
    }
}
