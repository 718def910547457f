using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Rest;

/// <summary>Maps a run's <c>mlflow-artifacts:</c> URI onto the server's artifact proxy API.</summary>
public static class MlflowArtifactPaths
{
    /// <summary>Proxy endpoint: PUT uploads, GET downloads (with a path) or lists (with <c>?path=</c>).</summary>
    public const string ProxyEndpoint = "/api/2.0/mlflow-artifacts/artifacts";

    private const string Scheme = "mlflow-artifacts:";

    /// <summary>The proxy-relative root of an artifact URI: <c>mlflow-artifacts:/1/&lt;run&gt;/artifacts</c> → <c>1/&lt;run&gt;/artifacts</c>.</summary>
    /// <remarks>The <c>mlflow-artifacts://host:port/…</c> form names the same server; its authority is dropped.</remarks>
    /// <exception cref="MlflowException">The run's artifacts are not served through the proxy (the server runs without --serve-artifacts).</exception>
    public static string ToProxyRoot(string artifactUri)
    {
        ArgumentNullException.ThrowIfNull(artifactUri);
        if (!artifactUri.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw new MlflowException(
                ErrorCodes.BadRequest,
                $"run artifact URI '{artifactUri}' is not served by the MLflow artifact proxy; start the server with --serve-artifacts (the default since MLflow 2.0) so artifacts are mlflow-artifacts:/ URIs");
        }

        var rest = artifactUri[Scheme.Length..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            rest = slash < 0 ? string.Empty : rest[slash..];
        }

        return rest.Trim('/');
    }

    /// <summary>Joins '/'-separated parts, skipping empty ones and trimming stray slashes.</summary>
    public static string Join(params string?[] parts) =>
        string.Join('/', parts.Where(p => !string.IsNullOrEmpty(p)).Select(p => p!.Trim('/')).Where(p => p.Length > 0));

    /// <summary>The proxy URL path for a file under the root: every segment percent-escaped.</summary>
    public static string FilePath(string proxyRoot, string relativePath)
    {
        var full = Join(proxyRoot, relativePath);
        return ProxyEndpoint + "/" + string.Join('/', full.Split('/').Select(Uri.EscapeDataString));
    }

    /// <summary>Checks a run-relative artifact path: '/'-separated, no '..' or '.' segments, not absolute.</summary>
    /// <exception cref="InvalidParameterException">The path could escape the run's artifact folder.</exception>
    public static string NormaliseRelative(string? path, string parameterName)
    {
        if (string.IsNullOrEmpty(path))
        {
            return string.Empty;
        }

        var normalised = path.Replace('\\', '/').Trim('/');
        foreach (var segment in normalised.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                throw new InvalidParameterException($"artifact path {parameterName}='{path}' is not valid: expected '/'-separated folder names without empty, '.' or '..' segments");
            }
        }

        return normalised;
    }

    /// <summary>The content type MLflow's client would send for a file name (Python's mimetypes, for the kinds we write).</summary>
    public static string ContentTypeFor(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".JSON" => "application/json",
        ".CSV" => "text/csv",
        ".TXT" or ".MD" => "text/plain",
        ".HTML" or ".HTM" => "text/html",
        ".SVG" => "image/svg+xml",
        ".PNG" => "image/png",
        ".YAML" or ".YML" => "application/yaml",
        _ => "application/octet-stream",
    };
}
