namespace Segmentation.Tracking.Configuration;

/// <summary>Opens one kind of backend for a parsed tracking URI; one row of <see cref="TrackingBackends.ByScheme"/>.</summary>
/// <param name="uri">The parsed tracking URI, whose <see cref="TrackingUri.Scheme"/> selected this factory.</param>
/// <param name="environment">Reads MLFLOW_* variables (credentials, TLS, HTTP limits).</param>
/// <param name="timeProvider">The clock for retries and timestamps.</param>
public delegate ITrackingBackend TrackingBackendFactory(TrackingUri uri, Func<string, string?> environment, TimeProvider timeProvider);
