using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;

namespace Segmentation.Cli;

/// <summary>What every verb gets from its host: output streams, the clock and the working directory.</summary>
/// <remarks>Tests build one with captured writers and a fake <see cref="TimeProvider"/>.</remarks>
public sealed record CliContext(TextWriter Output, TextWriter Error, TimeProvider Clock, string WorkingDirectory)
{
    /// <summary>
    /// How a verb opens the tracking backend for its <c>--tracking-uri</c> (null: MLFLOW_TRACKING_URI, else the local
    /// store): the one composition every verb shares, the backend chosen by URI scheme.
    /// </summary>
    public Func<string?, ITrackingBackend> TrackingBackends(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return uri => new TrackingStoreFactory(environment, Clock, WorkingDirectory).Open(uri);
    }
}
