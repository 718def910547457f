using System.Globalization;
using Segmentation.Core.Errors;

namespace Segmentation.Serving.Http;

/// <summary>The settings of <c>segment serve</c>, with their defaults stated once and validated before the server starts.</summary>
/// <param name="Urls">Semicolon-separated listen URLs; port 0 picks a free port.</param>
/// <param name="ReloadInterval">How often an alias or stage reference is resolved again; <see cref="TimeSpan.Zero"/> = never.</param>
/// <param name="MaxBodyBytes">Largest request body accepted; larger bodies get 413.</param>
/// <param name="MaxBatch">Most customers (or transaction lines) in one request; more get 413.</param>
/// <param name="BearerToken">When set, every <c>/v1</c> request must carry <c>Authorization: Bearer TOKEN</c>.</param>
public sealed record ServeOptions(
    string Urls = ServeOptions.DefaultUrls,
    TimeSpan? ReloadInterval = null,
    long MaxBodyBytes = ServeOptions.DefaultMaxBodyBytes,
    int MaxBatch = ServeOptions.DefaultMaxBatch,
    string? BearerToken = null)
{
    /// <summary>The default listen address: loopback only, so nothing is exposed unless asked for.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>The default body limit (4 MiB: about 20,000 customers of six features).</summary>
    public const long DefaultMaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>The default batch limit.</summary>
    public const int DefaultMaxBatch = 10_000;

    /// <summary>The environment variable holding the bearer token.</summary>
    public const string TokenVariable = "SEGMENT_SERVE_TOKEN";

    /// <summary>The default reload interval.</summary>
    public static readonly TimeSpan DefaultReloadInterval = TimeSpan.FromSeconds(60);

    /// <summary>The reload interval in force.</summary>
    public TimeSpan EffectiveReloadInterval => ReloadInterval ?? DefaultReloadInterval;

    /// <summary>Rejects values the server cannot run with, naming the option.</summary>
    /// <exception cref="UsageException">A value is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Urls) || Urls.Split(';').Any(u => !Uri.TryCreate(u.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new UsageException($"--urls '{Urls}': expected one or more http://HOST:PORT addresses separated by ';'");
        }

        if (EffectiveReloadInterval < TimeSpan.Zero)
        {
            throw new UsageException("--reload-interval must be 0 (never) or positive");
        }

        if (MaxBodyBytes < 1024)
        {
            throw new UsageException("--max-body-bytes must be at least 1024");
        }

        if (MaxBatch < 1)
        {
            throw new UsageException("--max-batch must be at least 1");
        }
    }

    /// <summary>Parses an interval as <c>0</c>, <c>500ms</c>, <c>60s</c>, <c>5m</c> or <c>1h</c>.</summary>
    /// <exception cref="UsageException">The text is not such an interval.</exception>
    public static TimeSpan ParseInterval(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        var (number, unit) = t.EndsWith("ms", StringComparison.Ordinal) ? (t[..^2], 0.001)
            : t.EndsWith('s') ? (t[..^1], 1.0)
            : t.EndsWith('m') ? (t[..^1], 60.0)
            : t.EndsWith('h') ? (t[..^1], 3600.0)
            : t == "0" ? (t, 1.0) : (string.Empty, 0.0);
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && unit > 0
            ? TimeSpan.FromSeconds(value * unit)
            : throw new UsageException($"{option} '{text}': expected 0 (never), or a number with ms, s, m or h (e.g. 60s)");
    }
}
