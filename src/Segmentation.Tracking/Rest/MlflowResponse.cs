using System.Net;

namespace Segmentation.Tracking.Rest;

/// <summary>One fully read HTTP response from the MLflow server.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="ContentType">Media type of the body without parameters, or null when absent.</param>
/// <param name="Body">The whole body (empty when none).</param>
/// <param name="RetryAfter">Delay the server asked for through Retry-After, when present and parseable.</param>
internal sealed record MlflowResponse(HttpStatusCode Status, string? ContentType, byte[] Body, TimeSpan? RetryAfter)
{
    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => (int)Status is >= 200 and <= 299;
}
