using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Rest;

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
        return uri => new TrackingStoreFactory(environment, Clock, WorkingDirectory, RestStores()).Open(uri);
    }

    /// <summary>
    /// Opens MLflow servers with their retry progress ("… unreachable (connection refused), retry 3/7 in 8 s") and the
    /// plain-http credentials warning written to <see cref="Error"/>: a user waiting on a server that is down sees why.
    /// </summary>
    public RestStoreFactory RestStores() => (uri, environment, timeProvider) => RestTrackingStore.Create(uri, environment, timeProvider, WriteError);

    /// <summary>Writes one line to <see cref="Error"/>, safe from the several threads of a sweep's parallel trials.</summary>
    public void WriteError(string line)
    {
        // Retries of parallel trials report from several threads; a captured StringWriter is not thread-safe.
        lock (Error)
        {
            Error.WriteLine(line);
        }
    }
}
