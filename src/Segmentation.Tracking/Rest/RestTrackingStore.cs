using System.Collections.Concurrent;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Tags;

namespace Segmentation.Tracking.Rest;

/// <summary>The MLflow tracking server backend: <see cref="ITrackingStore"/> and <see cref="IModelRegistry"/> over REST API 2.0.</summary>
/// <remarks>
/// Shapes and quirks follow the fixtures recorded from MLflow 2.17.2 and 3.11 (tests/…/Fixtures/mlflow-contract and its v3/):
/// ids and versions are strings, empty lists are omitted, params over 6000 characters are refused client-side
/// (the server would truncate them silently), artifacts go through the <c>mlflow-artifacts</c> proxy. Where the two
/// generations need different requests (metric-history paging), the server's generation is asked once per store
/// (<see cref="GetServerGenerationAsync"/>); search paging follows tokens until none is given, which fits both.
/// </remarks>
public sealed partial class RestTrackingStore : ITrackingBackend
{
    /// <summary>Tag carrying the client-generated id of a run creation, used to find a run whose create response was lost.</summary>
    public const string ClientRequestIdTag = SegmentationTags.ClientRequestId;

    private readonly MlflowHttpClient _client;
    private readonly TimeProvider _timeProvider;
    private readonly bool _ownsClient;
    private readonly ConcurrentDictionary<string, string> _artifactRoots = new(StringComparer.Ordinal);
    private readonly int _searchPageSize = 1000;
    private readonly int _registrySearchPageSize = 1000;
    private readonly int _metricHistoryPageSize = 25_000;
    private readonly SemaphoreSlim _generationLock = new(1, 1);
    private MlflowServerGeneration? _generation;

    /// <summary>Wraps a transport; <paramref name="ownsClient"/> says whether <see cref="Dispose"/> disposes it.</summary>
    public RestTrackingStore(MlflowHttpClient client, TimeProvider timeProvider, bool ownsClient = true)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _client = client;
        _timeProvider = timeProvider;
        _ownsClient = ownsClient;
    }

    /// <summary>Runs asked for per runs/search page; <value>1000</value> by default (MLflow allows up to 50000).</summary>
    public int SearchPageSize
    {
        get => _searchPageSize;
        init => _searchPageSize = value is >= 1 and <= 50_000 ? value : throw new ArgumentOutOfRangeException(nameof(SearchPageSize), value, "expected 1..50000");
    }

    /// <summary>Items asked for per registered-model / model-version search page; <value>1000</value> by default.</summary>
    public int RegistrySearchPageSize
    {
        get => _registrySearchPageSize;
        init => _registrySearchPageSize = value is >= 1 and <= 10_000 ? value : throw new ArgumentOutOfRangeException(nameof(RegistrySearchPageSize), value, "expected 1..10000");
    }

    /// <summary>Points asked for per metrics/get-history page on MLflow 3; <value>25000</value> by default, as MLflow's Python client asks.</summary>
    public int MetricHistoryPageSize
    {
        get => _metricHistoryPageSize;
        init => _metricHistoryPageSize = value is >= 1 and <= 25_000 ? value : throw new ArgumentOutOfRangeException(nameof(MetricHistoryPageSize), value, "expected 1..25000");
    }

    /// <summary>The server URI without credentials.</summary>
    public string DisplayUri => MlflowClientSettings.Redact(_client.Settings.TrackingUri);

    /// <summary>The transport (for request counts in benchmarks and diagnostics).</summary>
    public MlflowHttpClient Client => _client;

    /// <summary>Builds the backend for an http(s) tracking URI, reading credentials and limits from <paramref name="environment"/>; matches <see cref="RestStoreFactory"/>.</summary>
    public static RestTrackingStore Create(TrackingUri uri, Func<string, string?> environment, TimeProvider timeProvider) =>
        Create(uri, environment, timeProvider, log: null);

    /// <summary>As <see cref="Create(TrackingUri, Func{string, string?}, TimeProvider)"/>, with a sink for retry progress and warnings (the CLI's stderr).</summary>
    /// <param name="log">Receives lines such as "MLflow server … unreachable (connection refused), retry 3/7 in 8 s"; never a secret.</param>
    public static RestTrackingStore Create(TrackingUri uri, Func<string, string?> environment, TimeProvider timeProvider, Action<string>? log)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var server = uri.ServerUri ?? throw new ArgumentException($"tracking URI '{uri.Display}' is not an http(s) server URI", nameof(uri));
        if (!string.IsNullOrEmpty(server.UserInfo))
        {
            throw new ArgumentException($"tracking URI '{uri.Display}' embeds credentials; set MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD or MLFLOW_TRACKING_TOKEN instead", nameof(uri));
        }

        var settings = MlflowClientSettings.FromEnvironment(environment, server);
        return new RestTrackingStore(new MlflowHttpClient(settings, timeProvider, log: log), timeProvider);
    }

    /// <summary>Releases the transport when owned.</summary>
    public void Dispose()
    {
        _generationLock.Dispose();
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private static KeyValuePair<string, string> Q(string key, string value) => new(key, value);
}
