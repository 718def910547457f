using System.Collections.ObjectModel;
using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Sqlite;

namespace Segmentation.Tracking.Configuration;

/// <summary>The one table of tracking backends, keyed by URI scheme (MLflow: <c>_tracking_service/utils.py</c>'s store registry).</summary>
/// <remarks>A new backend (e.g. <c>postgresql</c>) is one more row here, plus its parsing in <see cref="TrackingUri.Parse"/>.</remarks>
public static class TrackingBackends
{
    /// <summary>Scheme of the local SQLite store.</summary>
    public const string SqliteScheme = "sqlite";

    /// <summary>Every backend this build has, by URI scheme (any case).</summary>
    /// <remarks>
    /// A plain dictionary, not a frozen one: building a FrozenDictionary analyses its keys, and for these three it was
    /// ~30 ms of the sweep's serial start in a perf profile of the installed tool; three lookups a run save nothing back.
    /// </remarks>
    public static IReadOnlyDictionary<string, TrackingBackendFactory> ByScheme { get; } = new ReadOnlyDictionary<string, TrackingBackendFactory>(
        new Dictionary<string, TrackingBackendFactory>(StringComparer.OrdinalIgnoreCase)
        {
            [SqliteScheme] = (uri, _, timeProvider) => SqliteTrackingStore.Open(
                uri.DatabasePath ?? throw new ArgumentException($"tracking URI '{uri.Display}' names no database file", nameof(uri)), timeProvider),
            [Uri.UriSchemeHttp] = RestTrackingStore.Create,
            [Uri.UriSchemeHttps] = RestTrackingStore.Create,
        });

    /// <summary>The supported schemes, sorted, for messages.</summary>
    public static IReadOnlyList<string> SupportedSchemes { get; } = [.. ByScheme.Keys.Order(StringComparer.Ordinal)];
}
