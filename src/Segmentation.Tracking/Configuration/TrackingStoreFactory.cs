using Segmentation.Tracking.Sqlite;

namespace Segmentation.Tracking.Configuration;

/// <summary>Opens the backend a tracking URI names: the local SQLite store or an MLflow server.</summary>
/// <remarks>
/// Seam for the REST backend: <c>Rest/</c> implements the partial method <see cref="ProvideRestFactory"/>
/// (in its own partial file of this class) to hand over its <see cref="RestStoreFactory"/>; tests may pass
/// one explicitly (e.g. a loopback emulator). Without either, http(s) URIs are refused with a clear message.
/// </remarks>
public sealed partial class TrackingStoreFactory
{
    private readonly Func<string, string?> _environment;
    private readonly TimeProvider _timeProvider;
    private readonly string _workingDirectory;
    private readonly RestStoreFactory? _restFactory;

    /// <summary>Creates a factory reading the environment through <paramref name="environment"/> (tests pass a dictionary lookup).</summary>
    public TrackingStoreFactory(Func<string, string?> environment, TimeProvider timeProvider, string workingDirectory, RestStoreFactory? restFactory = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        _environment = environment;
        _timeProvider = timeProvider;
        _workingDirectory = workingDirectory;
        _restFactory = restFactory ?? DefaultRestFactory();
    }

    /// <summary>Resolves the tracking URI (flag, then MLFLOW_TRACKING_URI, then <c>sqlite:///mlflow.db</c>).</summary>
    public TrackingUri Resolve(string? explicitUri = null) => TrackingUri.Resolve(explicitUri, _environment, _workingDirectory);

    /// <summary>Opens the backend for <paramref name="explicitUri"/> or, when null, the environment/default URI.</summary>
    public ITrackingBackend Open(string? explicitUri = null) => Open(Resolve(explicitUri));

    /// <summary>Opens the backend for a parsed URI.</summary>
    public ITrackingBackend Open(TrackingUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.Kind switch
        {
            TrackingUriKind.Sqlite => SqliteTrackingStore.Open(uri.DatabasePath!, _timeProvider),
            TrackingUriKind.Rest => _restFactory is { } rest
                ? rest(uri, _environment, _timeProvider)
                : throw new InvalidOperationException($"tracking URI '{uri.Display}' needs the REST backend, which this build does not include"),
            _ => throw new ArgumentOutOfRangeException(nameof(uri), uri.Kind, "unknown tracking URI kind"),
        };
    }

    private static RestStoreFactory? DefaultRestFactory()
    {
        RestStoreFactory? factory = null;
        ProvideRestFactory(ref factory);
        return factory;
    }

    /// <summary>Implemented by <c>Rest/</c> in a partial file: sets <paramref name="factory"/> to the REST backend's constructor.</summary>
    static partial void ProvideRestFactory(ref RestStoreFactory? factory);
}
