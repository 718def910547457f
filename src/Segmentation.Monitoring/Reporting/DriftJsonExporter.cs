using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Monitoring.Configuration;
using Segmentation.Monitoring.Drift;
using Segmentation.Runner.Reporting.Exporters;

namespace Segmentation.Monitoring.Reporting;

/// <summary>
/// <c>segment drift --json</c> and the run's <c>drift.json</c> artifact:
/// <c>{"status", "features": [{"name", "psi", "ks_statistic", "ks_pvalue", "status", …}], "segments": {"psi", "chi2_pvalue", "shares": […]}, "decay": {…}, "run_id"}</c>;
/// numbers that are undefined (a silhouette of one segment) are null.
/// </summary>
public sealed class DriftJsonExporter : IReportExporter<DriftReport>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The shared instance.</summary>
    public static DriftJsonExporter Instance { get; } = new();

    /// <inheritdoc/>
    public string FileName => "drift.json";

    /// <inheritdoc/>
    public string Export(DriftReport report) => ToJson(report).ToJsonString(Indented);

    /// <summary>The report as a JSON object.</summary>
    public static JsonObject ToJson(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["status"] = DriftStatusNames.Of(report.Status),
            ["model"] = new JsonObject { ["name"] = report.ModelName, ["version"] = report.ModelVersion, ["run_id"] = report.ModelRunId },
            ["reference"] = Side(report.Reference),
            ["current"] = Side(report.Current),
            ["thresholds"] = new JsonObject { ["psi_warn"] = report.Thresholds.PsiWarn, ["psi_alert"] = report.Thresholds.PsiAlert },
            ["features"] = new JsonArray([.. report.Features.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.Name,
                ["psi"] = f.Psi.Value,
                ["ks_statistic"] = f.Ks.Statistic,
                ["ks_pvalue"] = f.Ks.PValue,
                ["status"] = DriftStatusNames.Of(f.Status),
                ["reference_mean"] = N(f.Reference.Mean),
                ["current_mean"] = N(f.Current.Mean),
                ["reference_median"] = N(f.Reference.Median),
                ["current_median"] = N(f.Current.Median),
                ["reference_missing_share"] = f.Reference.MissingShare,
                ["current_missing_share"] = f.Current.MissingShare,
                ["bins"] = new JsonObject
                {
                    ["edges"] = Numbers(f.Psi.Edges),
                    ["reference_shares"] = Numbers(f.Psi.ReferenceShares),
                    ["current_shares"] = Numbers(f.Psi.CurrentShares),
                },
            })]),
            ["segments"] = new JsonObject
            {
                ["psi"] = report.Segments.Psi,
                ["chi2"] = report.Segments.ChiSquare.Statistic,
                ["chi2_pvalue"] = report.Segments.ChiSquare.PValue,
                ["status"] = DriftStatusNames.Of(report.Segments.Status),
                ["shares"] = new JsonArray([.. report.Segments.Shares.Select(s => (JsonNode)new JsonObject
                {
                    ["segment"] = s.Segment,
                    ["name"] = s.Name,
                    ["training_count"] = s.TrainingCount,
                    ["training_share"] = s.TrainingShare,
                    ["current_count"] = s.CurrentCount,
                    ["current_share"] = s.CurrentShare,
                    ["training_profile"] = Profile(s.TrainingProfile),
                    ["current_profile"] = Profile(s.CurrentProfile),
                })]),
            },
            ["decay"] = new JsonObject
            {
                ["silhouette_training"] = report.Decay.TrainingSilhouette is { } t ? N(t) : null,
                ["silhouette_current"] = N(report.Decay.CurrentSilhouette),
                ["refit_ari"] = N(report.Decay.RefitAri),
                ["refit_configuration"] = report.Decay.RefitConfiguration,
                ["note"] = report.Decay.Note,
            },
            ["run_id"] = report.RunId,
        };
    }

    private static JsonObject Side(DatasetSide side) => new()
    {
        ["name"] = side.Name,
        ["digest"] = side.Digest,
        ["source"] = side.Source,
        ["customers"] = side.Customers,
        ["reference_date"] = side.ReferenceDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static JsonObject Profile(IReadOnlyDictionary<string, double> profile) =>
        new([.. profile.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, N(p.Value)))]);

    private static JsonArray Numbers(IEnumerable<double> values) => new([.. values.Select(v => (JsonNode?)N(v))]);

    private static JsonValue? N(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
