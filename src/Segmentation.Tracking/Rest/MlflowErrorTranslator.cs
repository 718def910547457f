using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Rest;

/// <summary>Turns an MLflow error response into the typed exception the rest of the code catches.</summary>
/// <remarks>
/// MLflow answers with <c>{"error_code", "message"}</c> JSON, except where Flask answers first: an HTML page
/// for an unknown endpoint (404) or an unparseable body (500), and sometimes nothing at all. Those are reported
/// by status with a short, tag-free excerpt of the page.
/// </remarks>
public static class MlflowErrorTranslator
{
    /// <summary>MLflow's error code for an unknown endpoint (databricks.proto ENDPOINT_NOT_FOUND).</summary>
    public const string EndpointNotFound = "ENDPOINT_NOT_FOUND";

    private const int ExcerptLength = 200;

    /// <summary>The exception for a non-2xx response to <paramref name="method"/> <paramref name="path"/>.</summary>
    /// <param name="missingArtifact">The call was an artifact download, where MLflow reports a missing file as 500 INTERNAL_ERROR.</param>
    internal static MlflowException ToException(HttpMethod method, string path, MlflowResponse response, bool missingArtifact)
    {
        var status = (int)response.Status;
        var (code, message) = ReadError(response);
        var text = string.Create(CultureInfo.InvariantCulture, $"MLflow {method.Method} {path} failed with HTTP {status}{(code is null ? string.Empty : " " + code)}: {message}");
        if (missingArtifact && IsMissingArtifact(response))
        {
            return new ResourceNotFoundException(text, status);
        }

        if (response.Status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
        {
            // The final answer after every retry: the server (or its proxy) is there but will not serve us — for the
            // caller that is the same as unreachable (exit 3), whatever error code the body carried.
            return new TrackingUnreachableException(text + " (the retries are exhausted; try again later or raise MLFLOW_HTTP_REQUEST_MAX_RETRIES)", status);
        }

        return code switch
        {
            ErrorCodes.ResourceDoesNotExist => new ResourceNotFoundException(text, status),
            ErrorCodes.ResourceAlreadyExists => new ResourceAlreadyExistsException(text, status),
            ErrorCodes.InvalidParameterValue => new InvalidParameterException(text, status),
            // A 404 without MLflow's JSON comes from the web framework: the endpoint, not an entity, is missing.
            null when response.Status == HttpStatusCode.NotFound => new MlflowException(EndpointNotFound, text + " (is the tracking URI an MLflow 2.x server?)", status),
            null => new MlflowException(StatusCode(response.Status), text, status),
            _ => new MlflowException(code, text, status),
        };
    }

    /// <summary>Whether a 500 is how MLflow 2.x reports a missing artifact (its proxy answers a download of a missing file so), not a server failure.</summary>
    internal static bool IsMissingArtifact(MlflowResponse response) =>
        response.Status == HttpStatusCode.InternalServerError && ReadError(response).Message.Contains("No such file or directory", StringComparison.Ordinal);

    /// <summary>The exception for a 2xx response whose body is not the JSON the endpoint promises.</summary>
    internal static MlflowException Malformed(HttpMethod method, string path, MlflowResponse response, Exception inner) =>
        new(ErrorCodes.InternalError,
            string.Create(CultureInfo.InvariantCulture, $"MLflow {method.Method} {path} returned HTTP {(int)response.Status} with a body that is not JSON ({response.ContentType ?? "no content type"}): {Excerpt(response.Body)}"),
            (int)response.Status,
            inner);

    private static (string? Code, string Message) ReadError(MlflowResponse response)
    {
        if (response.Body.Length == 0)
        {
            return (null, "empty response body");
        }

        if (response.ContentType is not null && response.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var document = JsonDocument.Parse(response.Body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    var code = root.TryGetProperty("error_code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    if (code is not null || message is not null)
                    {
                        return (code, message ?? "(no message)");
                    }
                }
            }
            catch (JsonException)
            {
                // Declared JSON but is not: fall through to the plain-text excerpt.
            }
        }

        return (null, Excerpt(response.Body));
    }

    private static string StatusCode(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => ErrorCodes.BadRequest,
        HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.BadGateway or HttpStatusCode.TooManyRequests => ErrorCodes.Unreachable,
        _ => ErrorCodes.InternalError,
    };

    /// <summary>Visible text of an HTML or plain body, whitespace collapsed, shortened.</summary>
    internal static string Excerpt(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4096));
        var builder = new StringBuilder();
        var inTag = false;
        var lastWasSpace = true;
        foreach (var ch in text)
        {
            if (ch == '<')
            {
                inTag = true;
                continue;
            }

            if (ch == '>')
            {
                inTag = false;
                continue;
            }

            if (inTag)
            {
                continue;
            }

            if (char.IsWhiteSpace(ch))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                    lastWasSpace = true;
                }

                continue;
            }

            builder.Append(ch);
            lastWasSpace = false;
            if (builder.Length >= ExcerptLength)
            {
                builder.Append('…');
                break;
            }
        }

        var result = builder.ToString().Trim();
        return result.Length == 0 ? "(no readable body)" : result;
    }
}
