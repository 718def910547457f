using System.Globalization;
using System.Text;
using Segmentation.Monitoring.Configuration;
using Segmentation.Monitoring.Reporting;
using Segmentation.Runner.Recording;
using Segmentation.Tracking;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Monitoring.Drift;

/// <summary>
/// Logs a drift report as a run of <c>&lt;model name&gt;-monitoring</c>: the metrics, both datasets as inputs (contexts
/// <c>reference</c> and <c>current</c>), tags naming the model version, and the HTML report and JSON as artifacts.
/// </summary>
/// <param name="store">The tracking store.</param>
/// <param name="clock">Run start and end times.</param>
public sealed class DriftRecorder(ITrackingStore store, TimeProvider clock)
{
    /// <summary>Logs <paramref name="report"/>; returns it with its run id.</summary>
    public async Task<DriftReport> RecordAsync(
        DriftReport report, DriftRequest request, DatasetInput reference, DatasetInput current, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(request);
        var experiment = await store.GetOrCreateExperimentAsync(report.ExperimentName, cancellationToken: cancellationToken).ConfigureAwait(false);
        var version = report.ModelVersion.Length > 0 ? "-v" + report.ModelVersion : string.Empty;
        var date = report.Current.ReferenceDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "batch";
        var runName = $"drift{version}-{date}";
        var source = new SourceInfo(Environment.UserName, "segment drift --model " + request.Model, GitHead.Read(workingDirectory));
        var tags = new Dictionary<string, string>(source.Tags())
        {
            [MlflowTags.RunName] = runName,
            [SegmentationTags.MonitoringModelName] = report.ModelName,
            [SegmentationTags.MonitoringModelRunId] = report.ModelRunId,
            [SegmentationTags.MonitoringStatus] = DriftStatusNames.Of(report.Status),
            [SegmentationTags.DatasetDigest] = report.Current.Digest,
        };
        if (report.ModelVersion.Length > 0)
        {
            tags[SegmentationTags.MonitoringModelVersion] = report.ModelVersion;
        }

        var started = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var run = await store.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, runName, started, tags, UserId: source.User), cancellationToken).ConfigureAwait(false);
        var runId = run.Info.RunId;
        var logged = report with { RunId = runId };
        try
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var parameters = new List<Param>
            {
                new("model", request.Model),
                new("input", report.Current.Source),
                new("reference_date", report.Current.ReferenceDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "auto"),
                new("psi_warn", report.Thresholds.PsiWarn.ToString("R", CultureInfo.InvariantCulture)),
                new("psi_alert", report.Thresholds.PsiAlert.ToString("R", CultureInfo.InvariantCulture)),
            };
            if (report.ModelVersion.Length > 0)
            {
                // An unregistered model (runs:/…) has no version; an empty param would say nothing.
                parameters.Add(new("model_version", report.ModelVersion));
            }

            var metrics = DriftMetrics.Of(report).Select(m => new Metric(m.Key, m.Value, now)).ToList();
            var note = new RunTag(MlflowTags.NoteContent, "```\n" + DriftText.Instance.Export(logged) + "```\n");
            await store.LogBatchAsync(runId, metrics, parameters, [note], cancellationToken).ConfigureAwait(false);
            await store.LogInputsAsync(runId, [reference, current], cancellationToken).ConfigureAwait(false);
            foreach (var exporter in new Runner.Reporting.Exporters.IReportExporter<DriftReport>[] { DriftHtmlExporter.Instance, DriftJsonExporter.Instance })
            {
                await store.UploadArtifactContentAsync(runId, exporter.FileName, Encoding.UTF8.GetBytes(exporter.Export(logged)), cancellationToken).ConfigureAwait(false);
            }

            await store.UpdateRunAsync(runId, RunStatus.Finished, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A half-logged run must not look finished; the original error is what the user needs to see.
            await store.UpdateRunAsync(runId, RunStatus.Failed, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken: CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return logged;
    }
}
