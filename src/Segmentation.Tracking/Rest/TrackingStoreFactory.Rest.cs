using Segmentation.Tracking.Rest;

namespace Segmentation.Tracking.Configuration;

/// <summary>Registers the REST backend for http(s) tracking URIs.</summary>
public sealed partial class TrackingStoreFactory
{
    static partial void ProvideRestFactory(ref RestStoreFactory? factory) =>
        factory = (uri, environment, timeProvider) => RestTrackingStore.Create(uri, environment, timeProvider);
}
