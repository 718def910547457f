using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>
/// Bootstrap stability of the top trials (<c>stability: {bootstraps: 20, top: 5}</c>): after the grid, the <see cref="Top"/>
/// best eligible trials are refitted on <see cref="Bootstraps"/> resamples each and get <c>stability_ari_mean</c> and
/// <c>stability_ari_min</c>; the <c>min_stability</c> constraint then decides the best trial.
/// </summary>
/// <param name="Bootstraps">Resamples per trial, 2–1000.</param>
/// <param name="Top">How many of the best eligible trials get the numbers, 1–1000.</param>
public sealed record StabilityConfig(int Bootstraps = StabilityConfig.DefaultBootstraps, int Top = StabilityConfig.DefaultTop)
{
    /// <summary>Resamples per trial when the key is absent.</summary>
    public const int DefaultBootstraps = 20;

    /// <summary>Trials checked when the key is absent.</summary>
    public const int DefaultTop = 5;

    /// <summary>Binds <c>stability:</c> (<c>{}</c> takes both defaults); the caller leaves the stage off when the section is absent.</summary>
    public static StabilityConfig Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        section.RejectUnknownKeys("bootstraps", "top");
        return new StabilityConfig(section.GetInt("bootstraps", DefaultBootstraps, 2, 1000), section.GetInt("top", DefaultTop, 1, 1000));
    }
}
