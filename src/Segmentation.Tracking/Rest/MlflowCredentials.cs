using System.Net.Http.Headers;
using System.Text;

namespace Segmentation.Tracking.Rest;

/// <summary>How requests authenticate to an MLflow server: a bearer token, basic credentials, or nothing.</summary>
/// <remarks>The secret never leaves this type except as an Authorization header; <see cref="ToString"/> redacts it.</remarks>
public sealed class MlflowCredentials
{
    private readonly string? _token;
    private readonly string? _username;
    private readonly string? _password;

    private MlflowCredentials(string? token, string? username, string? password)
    {
        _token = token;
        _username = username;
        _password = password;
    }

    /// <summary>No Authorization header.</summary>
    public static MlflowCredentials None { get; } = new(null, null, null);

    /// <summary>Whether requests carry an Authorization header.</summary>
    public bool IsAuthenticated => _token is not null || _username is not null;

    /// <summary>Credentials sending <c>Authorization: Bearer &lt;token&gt;</c> (MLFLOW_TRACKING_TOKEN).</summary>
    public static MlflowCredentials Bearer(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return new MlflowCredentials(token, null, null);
    }

    /// <summary>Credentials sending HTTP basic authentication (MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD).</summary>
    public static MlflowCredentials Basic(string username, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentNullException.ThrowIfNull(password);
        return new MlflowCredentials(null, username, password);
    }

    /// <summary>The Authorization header value, or null when unauthenticated.</summary>
    internal AuthenticationHeaderValue? ToHeader()
    {
        if (_token is not null)
        {
            return new AuthenticationHeaderValue("Bearer", _token);
        }

        if (_username is not null)
        {
            var raw = Encoding.UTF8.GetBytes(_username + ":" + _password);
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
        }

        return null;
    }

    /// <summary>Names the scheme only, never the secret.</summary>
    public override string ToString() => _token is not null
        ? "Bearer (token redacted)"
        : _username is not null ? "Basic (credentials redacted)" : "None";
}
