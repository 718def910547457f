using Segmentation.Monitoring.Drift;

namespace Segmentation.Monitoring.Reporting;

/// <summary>The monitoring run's metrics: <c>psi/&lt;feature&gt;</c>, <c>ks/&lt;feature&gt;</c>, <c>ks_pvalue/&lt;feature&gt;</c>, <c>segment_psi</c>, decay figures.</summary>
public static class DriftMetrics
{
    /// <summary>PSI of the segment shares.</summary>
    public const string SegmentPsi = "segment_psi";

    /// <summary>Chi-square p-value of the segment counts.</summary>
    public const string SegmentChiSquarePValue = "segment_chi2_pvalue";

    /// <summary>Silhouette of the model's assignment of the new customers.</summary>
    public const string SilhouetteCurrent = "silhouette_current";

    /// <summary>The model run's silhouette, copied so one run holds both sides of the comparison.</summary>
    public const string SilhouetteTraining = "silhouette_training";

    /// <summary>ARI between the model's assignment and a refit on the new customers.</summary>
    public const string RefitAri = "refit_ari";

    /// <summary>Every finite figure of <paramref name="report"/> by metric key (undefined ones are left out rather than logged as NaN).</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Of(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var metrics = new List<KeyValuePair<string, double>>();
        foreach (var f in report.Features)
        {
            metrics.Add(new("psi/" + f.Name, f.Psi.Value));
            metrics.Add(new("ks/" + f.Name, f.Ks.Statistic));
            metrics.Add(new("ks_pvalue/" + f.Name, f.Ks.PValue));
        }

        metrics.Add(new(SegmentPsi, report.Segments.Psi));
        metrics.Add(new(SegmentChiSquarePValue, report.Segments.ChiSquare.PValue));
        metrics.Add(new(SilhouetteCurrent, report.Decay.CurrentSilhouette));
        if (report.Decay.TrainingSilhouette is { } training)
        {
            metrics.Add(new(SilhouetteTraining, training));
        }

        metrics.Add(new(RefitAri, report.Decay.RefitAri));
        return [.. metrics.Where(m => double.IsFinite(m.Value))];
    }
}
