using System.Globalization;
using Segmentation.Data.Configuration;

namespace Segmentation.Monitoring.Configuration;

/// <summary>
/// The <c>monitoring:</c> section of <c>params.yaml</c>: the PSI thresholds that make a feature, the segment shares and the
/// whole batch stable (below <see cref="PsiWarn"/>), warn (from <see cref="PsiWarn"/> to <see cref="PsiAlert"/>) or alert
/// (above <see cref="PsiAlert"/>).
/// </summary>
/// <param name="PsiWarn">The PSI from which a distribution is "warn"; the conventional 0.1.</param>
/// <param name="PsiAlert">The PSI above which it is "alert"; the conventional 0.25.</param>
public sealed record MonitoringConfig(double PsiWarn = MonitoringConfig.DefaultPsiWarn, double PsiAlert = MonitoringConfig.DefaultPsiAlert)
{
    /// <summary>The top-level key in <c>params.yaml</c>.</summary>
    public const string Section = "monitoring";

    /// <summary><see cref="PsiWarn"/> when the key is absent.</summary>
    public const double DefaultPsiWarn = 0.1;

    /// <summary><see cref="PsiAlert"/> when the key is absent.</summary>
    public const double DefaultPsiAlert = 0.25;

    /// <summary>The defaults, for a params file without the section.</summary>
    public static MonitoringConfig Default { get; } = new();

    /// <summary>The section of <paramref name="root"/> (a whole params file), or the defaults when it has none.</summary>
    public static MonitoringConfig From(ConfigMapping? root) =>
        root is not null && root.Has(Section) ? Bind(root.GetMapping(Section)) : Default;

    /// <summary>Binds <c>monitoring:</c>; a bad key or value fails with file, line and key path.</summary>
    /// <exception cref="ConfigException">An unknown key, a value outside [0, 10], or warn not below alert.</exception>
    public static MonitoringConfig Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        section.RejectUnknownKeys("psi_warn", "psi_alert");
        var config = new MonitoringConfig(section.GetDouble("psi_warn", DefaultPsiWarn, 0, 10), section.GetDouble("psi_alert", DefaultPsiAlert, 0, 10));
        if (!(config.PsiWarn < config.PsiAlert))
        {
            throw ((ConfigValue?)section.GetScalar("psi_alert") ?? section).Error(
                string.Create(CultureInfo.InvariantCulture, $"expected psi_warn below psi_alert, found psi_warn {config.PsiWarn} and psi_alert {config.PsiAlert}"));
        }

        return config;
    }

    /// <summary>The status of a PSI value under these thresholds.</summary>
    public DriftStatus Classify(double psi) =>
        psi > PsiAlert ? DriftStatus.Alert : psi >= PsiWarn ? DriftStatus.Warn : DriftStatus.Stable;
}
