namespace Segmentation.Tracking.Tests.Rest.Faults;

/// <summary>What <see cref="FaultProxy"/> does to one request.</summary>
public enum FaultKind
{
    /// <summary>Passed through unharmed.</summary>
    None,

    /// <summary>Answered 429 with a Retry-After header; the server never sees it.</summary>
    TooManyRequests,

    /// <summary>Answered 500 INTERNAL_ERROR; the server never sees it.</summary>
    InternalError,

    /// <summary>Answered 503 with an HTML page, as a proxy in front of a restarting server does; the server never sees it.</summary>
    Unavailable,

    /// <summary>The connection is reset before the request reaches the server.</summary>
    ConnectionReset,

    /// <summary>The server acts on the request, then the connection is reset instead of the answer being passed on.</summary>
    DroppedAfterServerActed,

    /// <summary>The server acts at once; its answer is held for <see cref="FaultProxy.SlowDelay"/>.</summary>
    SlowResponse,
}
