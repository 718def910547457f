namespace Segmentation.Tracking;

/// <summary>A complete backend (tracking + registry) as <see cref="Configuration.TrackingStoreFactory"/> returns it.</summary>
public interface ITrackingBackend : ITrackingStore, IModelRegistry, IDisposable
{
    /// <summary>The tracking URI this backend talks to, safe to print (no credentials).</summary>
    string DisplayUri { get; }
}
