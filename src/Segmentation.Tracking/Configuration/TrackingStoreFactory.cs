using Segmentation.Core.Errors;
namespace Segmentation.Tracking.Configuration;

/// <summary>Opens the backend a tracking URI names: the URI resolved once (<see cref="TrackingUri.Resolve"/>), the backend chosen by scheme.</summary>
/// <remarks>
/// Backends come from one table keyed by URI scheme (<see cref="TrackingBackends.ByScheme"/>); a caller may replace rows,
/// e.g. tests point http(s) at a loopback emulator. An unknown scheme is refused with the list of supported ones.
/// </remarks>
public sealed class TrackingStoreFactory
{
    private readonly Func<string, string?> _environment;
    private readonly TimeProvider _timeProvider;
    private readonly string _workingDirectory;
    private readonly IReadOnlyDictionary<string, TrackingBackendFactory> _backends;

    /// <summary>Creates a factory reading the environment through <paramref name="environment"/> (tests pass a dictionary lookup).</summary>
    /// <param name="restFactory">Replaces the http and https rows of the table when given (null: <see cref="TrackingBackends.ByScheme"/>'s REST store).</param>
    public TrackingStoreFactory(Func<string, string?> environment, TimeProvider timeProvider, string workingDirectory, RestStoreFactory? restFactory = null)
        : this(environment, timeProvider, workingDirectory, WithRest(restFactory))
    {
    }

    /// <summary>Creates a factory over an explicit backend table (keys are URI schemes, compared case-insensitively).</summary>
    public TrackingStoreFactory(Func<string, string?> environment, TimeProvider timeProvider, string workingDirectory, IReadOnlyDictionary<string, TrackingBackendFactory> backends)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        ArgumentNullException.ThrowIfNull(backends);
        _environment = environment;
        _timeProvider = timeProvider;
        _workingDirectory = workingDirectory;
        _backends = backends.ToDictionary(b => b.Key, b => b.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The URI schemes this factory opens, sorted.</summary>
    public IReadOnlyList<string> SupportedSchemes => [.. _backends.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Resolves the tracking URI (flag, then MLFLOW_TRACKING_URI, then <c>sqlite:///mlflow.db</c>).</summary>
    public TrackingUri Resolve(string? explicitUri = null) => TrackingUri.Resolve(explicitUri, _environment, _workingDirectory);

    /// <summary>Opens the backend for <paramref name="explicitUri"/> or, when null, the environment/default URI.</summary>
    public ITrackingBackend Open(string? explicitUri = null) => Open(Resolve(explicitUri));

    /// <summary>Opens the backend for a parsed URI, chosen by its scheme.</summary>
    /// <exception cref="UsageException">No backend handles the URI's scheme; the message lists the supported ones.</exception>
    public ITrackingBackend Open(TrackingUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return _backends.TryGetValue(uri.Scheme, out var open)
            ? open(uri, _environment, _timeProvider)
            : throw new UsageException(
                $"tracking URI '{uri.Display}' has scheme '{uri.Scheme}', which no tracking backend handles; supported schemes: {string.Join(", ", SupportedSchemes)}");
    }

    private static Dictionary<string, TrackingBackendFactory> WithRest(RestStoreFactory? restFactory)
    {
        var backends = TrackingBackends.ByScheme.ToDictionary(b => b.Key, b => b.Value, StringComparer.OrdinalIgnoreCase);
        if (restFactory is not null)
        {
            backends[Uri.UriSchemeHttp] = (uri, environment, timeProvider) => restFactory(uri, environment, timeProvider);
            backends[Uri.UriSchemeHttps] = backends[Uri.UriSchemeHttp];
        }

        return backends;
    }
}
