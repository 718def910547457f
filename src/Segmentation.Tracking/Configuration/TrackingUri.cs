using System.Globalization;
using Segmentation.Core;
using Segmentation.Core.Errors;

namespace Segmentation.Tracking.Configuration;

/// <summary>A parsed tracking URI: a local SQLite database or an MLflow server.</summary>
/// <param name="Kind">The backend selected.</param>
/// <param name="Original">The URI as given (credentials in it are masked in <see cref="Display"/>).</param>
/// <param name="DatabasePath">Absolute database file path for <see cref="TrackingUriKind.Sqlite"/>.</param>
/// <param name="ServerUri">Server base URI for <see cref="TrackingUriKind.Rest"/>.</param>
public sealed record TrackingUri(TrackingUriKind Kind, string Original, string? DatabasePath, Uri? ServerUri)
{
    /// <summary>The environment variable MLflow reads the tracking URI from.</summary>
    public const string EnvironmentVariable = "MLFLOW_TRACKING_URI";

    /// <summary>MLflow's default when <c>MLFLOW_TRACKING_URI</c> is unset (since MLflow 3.7): a database in the working directory.</summary>
    public const string Default = "sqlite:///mlflow.db";

    /// <summary>The URI safe to print: user info of an http(s) URI is masked.</summary>
    public string Display => Secrets.RedactUris(Original);

    /// <summary>The backend's URI scheme in lower case (<c>sqlite</c>, <c>http</c>, <c>https</c>): the key of <see cref="TrackingBackends.ByScheme"/>.</summary>
    public string Scheme => Kind == TrackingUriKind.Sqlite
        ? TrackingBackends.SqliteScheme
        : (ServerUri?.Scheme ?? Original.Split(':', 2)[0]).ToLowerInvariant();

    /// <summary>The one statement of precedence: <paramref name="explicitUri"/> (a CLI flag or config value), else <c>MLFLOW_TRACKING_URI</c>, else <see cref="Default"/>.</summary>
    /// <returns>The URI text, trimmed; blank values count as unset.</returns>
    public static string Select(string? explicitUri, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var text = !string.IsNullOrWhiteSpace(explicitUri) ? explicitUri : environment(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(text) ? Default : text.Trim();
    }

    /// <summary>Resolves the URI to use (<see cref="Select"/>'s precedence) and parses it.</summary>
    public static TrackingUri Resolve(string? explicitUri, Func<string, string?> environment, string workingDirectory) =>
        Parse(Select(explicitUri, environment), workingDirectory);

    /// <summary>Parses a tracking URI with MLflow's (SQLAlchemy's) rules: <c>sqlite:///rel.db</c> is relative to
    /// <paramref name="workingDirectory"/>, <c>sqlite:////abs/path.db</c> is absolute; <c>http(s)://</c> is a server.</summary>
    /// <exception cref="ArgumentException">The URI is not one this tool can use; the message says what is accepted.</exception>
    public static TrackingUri Parse(string uri, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        const string Accepted = "expected sqlite:///relative/path.db, sqlite:////absolute/path.db or http(s)://host:port";
        if (uri.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            if (!uri.StartsWith("sqlite:///", StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException($"tracking URI '{Secrets.RedactUris(uri)}': in-memory or host-qualified SQLite URIs are not supported; {Accepted}");
            }

            // SQLAlchemy: everything after "sqlite:///" is the path; a leading '/' left over makes it absolute.
            var path = uri["sqlite:///".Length..];
            var query = path.IndexOf('?', StringComparison.Ordinal);
            if (query >= 0)
            {
                path = path[..query];
            }

            if (path.Length == 0)
            {
                throw new UsageException($"tracking URI '{Secrets.RedactUris(uri)}' names no database file; {Accepted}");
            }

            path = Uri.UnescapeDataString(path);
            var full = Path.IsPathRooted(path) ? Path.GetFullPath(path) : Path.GetFullPath(Path.Combine(workingDirectory, path));
            return new TrackingUri(TrackingUriKind.Sqlite, uri, full, null);
        }

        if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps))
        {
            return new TrackingUri(TrackingUriKind.Rest, uri, null, parsed);
        }

        if (uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || !uri.Contains("://", StringComparison.Ordinal))
        {
            throw new UsageException(
                string.Create(CultureInfo.InvariantCulture, $"tracking URI '{Secrets.RedactUris(uri)}' is an MLflow file store (./mlruns), which MLflow deprecated in 3.7; use sqlite:///mlflow.db instead ({Accepted})"));
        }

        throw new UsageException(
            $"tracking URI '{Secrets.RedactUris(uri)}' has an unsupported scheme (supported: {string.Join(", ", TrackingBackends.SupportedSchemes)}); {Accepted}");
    }
}
