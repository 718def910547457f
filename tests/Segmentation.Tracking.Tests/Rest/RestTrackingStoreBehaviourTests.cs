using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Tests.Behaviour;
using Segmentation.Tracking.Tests.Rest.Emulator;

namespace Segmentation.Tracking.Tests.Rest;

/// <summary>The shared behaviour suite on the REST backend, talking HTTP to the loopback MLflow emulator of one server generation.</summary>
public abstract class RestTrackingStoreBehaviourTests(MlflowServerGeneration generation) : TrackingStoreBehaviourTests
{
    private MlflowEmulator? _emulator;

    /// <summary>Points per metric-history page the store asks for (only MLflow 3 pages the history).</summary>
    protected virtual int MetricHistoryPageSize => 25_000;

    protected override Task<ITrackingBackend> CreateBackendAsync()
    {
        _emulator = new MlflowEmulator(generation: generation);
        var settings = new MlflowClientSettings(_emulator.BaseUri) { Http = new MlflowHttpOptions { MaxRetries = 2, BackoffFactor = TimeSpan.FromMilliseconds(10), BackoffJitter = TimeSpan.Zero, RequestTimeout = TimeSpan.FromSeconds(30) } };
        return Task.FromResult<ITrackingBackend>(new RestTrackingStore(new MlflowHttpClient(settings, TimeProvider.System), TimeProvider.System) { MetricHistoryPageSize = MetricHistoryPageSize });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _emulator?.Dispose();
    }
}
