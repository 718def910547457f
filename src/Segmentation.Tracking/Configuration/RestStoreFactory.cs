namespace Segmentation.Tracking.Configuration;

/// <summary>Builds the REST backend for an <c>http(s)://</c> tracking URI; given to <see cref="TrackingStoreFactory"/> it replaces the http(s) rows.</summary>
/// <param name="uri">The parsed tracking URI (<see cref="TrackingUri.ServerUri"/> is set).</param>
/// <param name="environment">Reads MLFLOW_* variables (token, username/password, insecure TLS).</param>
/// <param name="timeProvider">The clock for retries and timestamps.</param>
public delegate ITrackingBackend RestStoreFactory(TrackingUri uri, Func<string, string?> environment, TimeProvider timeProvider);
