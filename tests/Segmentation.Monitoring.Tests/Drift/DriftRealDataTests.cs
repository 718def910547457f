using System.Text.Json;
using Segmentation.Monitoring.Tests.Statistics;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Monitoring.Tests.Drift;

/// <summary>
/// <c>segment drift</c> end to end on the shipped year split at a date: a model trained and promoted on the first half,
/// checked against the second half (recency and tenure move) and against its own training half (nothing moves).
/// </summary>
public sealed class DriftRealDataTests(SplitYearWorkspace workspace) : IClassFixture<SplitYearWorkspace>
{
    [Fact]
    public void Drift_IdenticalBatch_PsiZeroStableExitZeroAndRefitAgrees()
    {
        var (code, report, error) = workspace.Drift("first_half.csv");

        Assert.True(code == 0, error);
        Assert.Equal("stable", report.GetProperty("status").GetString());
        foreach (var feature in report.GetProperty("features").EnumerateArray())
        {
            Assert.Equal(0.0, feature.GetProperty("psi").GetDouble());
            Assert.Equal(0.0, feature.GetProperty("ks_statistic").GetDouble());
            Assert.Equal(1.0, feature.GetProperty("ks_pvalue").GetDouble());
            Assert.Equal("stable", feature.GetProperty("status").GetString());
        }

        var segments = report.GetProperty("segments");
        Assert.Equal(0.0, segments.GetProperty("psi").GetDouble());
        Assert.Equal(1.0, segments.GetProperty("chi2_pvalue").GetDouble(), 12);
        // The same customers, features and configuration: the model's own assignment and a refit coincide.
        var decay = report.GetProperty("decay");
        Assert.Equal(1.0, decay.GetProperty("refit_ari").GetDouble(), 12);
        Assert.Equal(decay.GetProperty("silhouette_training").GetDouble(), decay.GetProperty("silhouette_current").GetDouble(), 9);
    }

    [Fact]
    public async Task Drift_SecondHalf_FindsRecencyAndTenureShiftAndLogsTheRun()
    {
        var (code, report, error) = workspace.Drift("second_half.csv", "--fail-on", "never", "--out", "drift-out");

        Assert.True(code == 0, error);
        var features = report.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal(["recency_days", "tenure_days", "monetary"], features.Keys);
        foreach (var name in new[] { "recency_days", "tenure_days" })
        {
            var f = features[name];
            Assert.True(f.GetProperty("ks_pvalue").GetDouble() < 1e-6, $"{name}: ks p {f.GetProperty("ks_pvalue").GetDouble()}");
        }

        Assert.Contains(new[] { "recency_days", "tenure_days" }, name => features[name].GetProperty("psi").GetDouble() >= 0.1);

        Assert.NotEqual("stable", report.GetProperty("status").GetString());
        Assert.Equal("2011-12-10", report.GetProperty("current").GetProperty("reference_date").GetString());

        // The same numbers numpy and scipy compute on the committed feature tables of both halves (drift_reference.py).
        var split = DriftReference.Root.GetProperty("split_year");
        Assert.Equal(split.GetProperty("reference_customers").GetInt32(), report.GetProperty("reference").GetProperty("customers").GetInt32());
        Assert.Equal(split.GetProperty("current_customers").GetInt32(), report.GetProperty("current").GetProperty("customers").GetInt32());
        foreach (var (name, f) in features)
        {
            var expected = split.GetProperty("features").GetProperty(name);
            Assert.Equal(DriftReference.Doubles(expected, "edges"), f.GetProperty("bins").GetProperty("edges").EnumerateArray().Select(e => e.GetDouble()));
            DriftReference.Close(expected.GetProperty("psi").GetDouble(), f.GetProperty("psi").GetDouble(), 1e-12, name + " psi");
            Assert.Equal(expected.GetProperty("ks_statistic").GetDouble(), f.GetProperty("ks_statistic").GetDouble());
            DriftReference.Close(expected.GetProperty("ks_pvalue").GetDouble(), f.GetProperty("ks_pvalue").GetDouble(), 1e-10, name + " ks p-value");
            DriftReference.Close(expected.GetProperty("reference_median").GetDouble(), f.GetProperty("reference_median").GetDouble(), 1e-15, name + " median");
            DriftReference.Close(expected.GetProperty("current_median").GetDouble(), f.GetProperty("current_median").GetDouble(), 1e-15, name + " median");
            DriftReference.Close(expected.GetProperty("current_mean").GetDouble(), f.GetProperty("current_mean").GetDouble(), 1e-12, name + " mean");
        }

        var shares = report.GetProperty("segments").GetProperty("shares").EnumerateArray().ToList();
        Assert.Equal(1.0, shares.Sum(s => s.GetProperty("current_share").GetDouble()), 9);
        Assert.Equal(1.0, shares.Sum(s => s.GetProperty("training_share").GetDouble()), 9);
        Assert.All(shares, s => Assert.True(s.GetProperty("training_profile").TryGetProperty("recency_days", out _)));
        var ari = report.GetProperty("decay").GetProperty("refit_ari").GetDouble();
        Assert.InRange(ari, -1, 1);
        Assert.InRange(report.GetProperty("decay").GetProperty("silhouette_current").GetDouble(), -1, 1);

        var html = File.ReadAllText(Path.Combine(workspace.Directory, "drift-out", "drift_report", "index.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("recency_days: PSI", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        var runId = report.GetProperty("run_id").GetString()!;
        using var backend = new TrackingStoreFactory(_ => null, TimeProvider.System, workspace.Directory).Open(workspace.TrackingUri);
        var run = await backend.GetRunAsync(runId);
        Assert.Equal(RunStatus.Finished, run.Info.Status);
        Assert.Equal(features["recency_days"].GetProperty("psi").GetDouble(), run.Data.Metrics["psi/recency_days"].Value);
        Assert.Equal(features["tenure_days"].GetProperty("ks_pvalue").GetDouble(), run.Data.Metrics["ks_pvalue/tenure_days"].Value);
        Assert.True(run.Data.Metrics.ContainsKey("segment_psi") && run.Data.Metrics.ContainsKey("silhouette_current") && run.Data.Metrics.ContainsKey("refit_ari"));
        Assert.Equal(SplitYearWorkspace.ModelName, run.Data.Tags[SegmentationTags.MonitoringModelName]);
        Assert.Equal("1", run.Data.Tags[SegmentationTags.MonitoringModelVersion]);
        Assert.Equal(
            [MlflowTags.DatasetContextCurrent, MlflowTags.DatasetContextReference],
            run.Inputs.Select(i => i.Tags[MlflowTags.DatasetContext]).Order(StringComparer.Ordinal));
        var experiment = await backend.GetExperimentAsync(run.Info.ExperimentId);
        Assert.Equal(SplitYearWorkspace.ModelName + "-monitoring", experiment.Name);
        var artifacts = (await backend.ListArtifactsAsync(runId)).Select(a => a.Path).ToList();
        Assert.Contains("drift.json", artifacts);
        Assert.Contains("drift_report", artifacts);
    }

    [Fact]
    public async Task Drift_UnregisteredRunReference_LogsWithoutAVersion()
    {
        var (_, champion, _) = workspace.Drift("first_half.csv");
        var runReference = $"runs:/{champion.GetProperty("model").GetProperty("run_id").GetString()}/model";

        var (code, output, error) = workspace.Run(
            "drift", "--model", runReference, "--input", "first_half.csv", "--json", "--tracking-uri", workspace.TrackingUri,
            "--dataset-store", Path.Combine(workspace.Directory, ".segmentation", "datasets"));

        Assert.True(code == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal("stable", report.GetProperty("status").GetString());
        Assert.Equal(string.Empty, report.GetProperty("model").GetProperty("version").GetString());
        using var backend = new TrackingStoreFactory(_ => null, TimeProvider.System, workspace.Directory).Open(workspace.TrackingUri);
        var run = await backend.GetRunAsync(report.GetProperty("run_id").GetString()!);
        Assert.False(run.Data.Tags.ContainsKey(SegmentationTags.MonitoringModelVersion));
        Assert.Equal(champion.GetProperty("model").GetProperty("run_id").GetString(), run.Data.Tags[SegmentationTags.MonitoringModelRunId]);
    }

    [Fact]
    public void Drift_SecondHalfFailOnWarn_ExitsOne()
    {
        var (code, report, _) = workspace.Drift("second_half.csv", "--fail-on", "warn");

        Assert.Equal(1, code);
        Assert.NotEqual("stable", report.GetProperty("status").GetString());
    }

    [Fact]
    public void Drift_TrainingDatasetMissingFromStore_ExitsTwoNamingDataIngest()
    {
        var (code, output, error) = workspace.Run(
            "drift", "--model", SplitYearWorkspace.Champion, "--input", "second_half.csv", "--tracking-uri", workspace.TrackingUri, "--dataset-store", Path.Combine(workspace.Directory, "empty-store"));

        Assert.Equal(2, code);
        Assert.Contains("segment data ingest", error + output, StringComparison.Ordinal);
    }
}
