using Segmentation.Core.Errors;

namespace Segmentation.Tracking.Rest;

/// <summary>Where and how to reach an MLflow tracking server, read the way MLflow's own client reads its environment.</summary>
public sealed record MlflowClientSettings
{
    /// <summary>Environment variable holding the tracking server URI.</summary>
    public const string TrackingUriVariable = Configuration.TrackingUri.EnvironmentVariable;

    /// <summary>Environment variable holding a bearer token.</summary>
    public const string TokenVariable = "MLFLOW_TRACKING_TOKEN";

    /// <summary>Environment variable holding the basic-auth user name.</summary>
    public const string UsernameVariable = "MLFLOW_TRACKING_USERNAME";

    /// <summary>Environment variable holding the basic-auth password.</summary>
    public const string PasswordVariable = "MLFLOW_TRACKING_PASSWORD";

    /// <summary>Environment variable that disables TLS certificate validation when "true".</summary>
    public const string InsecureTlsVariable = "MLFLOW_TRACKING_INSECURE_TLS";

    /// <summary>Creates settings for an http(s) server URI.</summary>
    public MlflowClientSettings(Uri trackingUri)
    {
        ArgumentNullException.ThrowIfNull(trackingUri);
        if (!trackingUri.IsAbsoluteUri || (trackingUri.Scheme != Uri.UriSchemeHttp && trackingUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"MLflow tracking URI '{Redact(trackingUri)}' is not supported by the REST backend: expected an absolute http:// or https:// URI.");
        }

        if (!string.IsNullOrEmpty(trackingUri.UserInfo))
        {
            throw new UsageException($"MLflow tracking URI '{Redact(trackingUri)}' embeds credentials: set {UsernameVariable}/{PasswordVariable} or {TokenVariable} instead.");
        }

        TrackingUri = trackingUri;
    }

    /// <summary>Server base URI, e.g. http://127.0.0.1:5000 (a path prefix is kept).</summary>
    public Uri TrackingUri { get; }

    /// <summary>Authentication sent with every request; <value>none</value> by default.</summary>
    public MlflowCredentials Credentials { get; init; } = MlflowCredentials.None;

    /// <summary>Skip TLS certificate validation (self-signed servers); <value>false</value> by default.</summary>
    public bool InsecureTls { get; init; }

    /// <summary>Retry, timeout and circuit-breaker limits.</summary>
    public MlflowHttpOptions Http { get; init; } = new();

    /// <summary>Reads MLFLOW_TRACKING_URI, credentials, MLFLOW_TRACKING_INSECURE_TLS and the MLFLOW_HTTP_REQUEST_* limits.</summary>
    /// <param name="getEnvironmentVariable">Lookup such as <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <param name="trackingUri">Explicit URI that wins over MLFLOW_TRACKING_URI (a CLI flag or config value).</param>
    public static MlflowClientSettings FromEnvironment(Func<string, string?> getEnvironmentVariable, Uri? trackingUri = null)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        if (trackingUri is null)
        {
            // The precedence lives in TrackingUri.Select; here only a server URI is usable.
            var text = Configuration.TrackingUri.Select(null, getEnvironmentVariable);
            if (!Uri.TryCreate(text, UriKind.Absolute, out trackingUri)
                || (trackingUri.Scheme != Uri.UriSchemeHttp && trackingUri.Scheme != Uri.UriSchemeHttps))
            {
                var shown = trackingUri is null ? "(not an absolute URI)" : Redact(trackingUri);
                throw new UsageException(
                    $"{TrackingUriVariable} does not name an MLflow server (the tracking URI resolves to '{shown}'): expected an http:// or https:// URI, e.g. http://127.0.0.1:5000.");
            }
        }

        // Same precedence as MLflow's client: basic credentials when both user name and password are set, else a token.
        var username = getEnvironmentVariable(UsernameVariable);
        var password = getEnvironmentVariable(PasswordVariable);
        var token = getEnvironmentVariable(TokenVariable);
        var credentials = MlflowCredentials.None;
        if (!string.IsNullOrEmpty(username) && password is not null)
        {
            credentials = MlflowCredentials.Basic(username, password);
        }
        else if (!string.IsNullOrWhiteSpace(token))
        {
            credentials = MlflowCredentials.Bearer(token.Trim());
        }
        else if (!string.IsNullOrEmpty(username) || !string.IsNullOrEmpty(password))
        {
            throw new UsageException($"Only one of {UsernameVariable} and {PasswordVariable} is set: expected both or neither.");
        }

        return new MlflowClientSettings(trackingUri)
        {
            Credentials = credentials,
            InsecureTls = ParseBool(getEnvironmentVariable(InsecureTlsVariable), InsecureTlsVariable),
            Http = new MlflowHttpOptions().WithEnvironment(getEnvironmentVariable),
        };
    }

    /// <summary>The URI without user info, query or fragment, safe to put in messages.</summary>
    internal static string Redact(Uri uri) => uri.IsAbsoluteUri
        ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
        : "(relative URI)";

    private static bool ParseBool(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return text.Trim().ToUpperInvariant() switch
        {
            "TRUE" or "1" => true,
            "FALSE" or "0" => false,
            _ => throw new UsageException($"Environment variable {name}='{text}' is not valid: expected true, false, 1 or 0."),
        };
    }

    /// <summary>Describes the server and auth scheme without any secret.</summary>
    public override string ToString() => $"MlflowClientSettings {{ TrackingUri = {Redact(TrackingUri)}, Credentials = {Credentials}, InsecureTls = {InsecureTls} }}";
}
