using System.Globalization;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Registry;

/// <summary>The wait for a model version to leave PENDING_REGISTRATION, shared by the REST and SQLite registries.</summary>
internal static class ModelVersionReadiness
{
    /// <summary>Polls <paramref name="getVersion"/> every <paramref name="pollInterval"/> on <paramref name="time"/> until the version is READY.</summary>
    /// <exception cref="MlflowException">The version failed to register, or is still pending after <paramref name="timeout"/>.</exception>
    public static async Task<ModelVersion> WaitAsync(
        Func<CancellationToken, Task<ModelVersion>> getVersion,
        string name,
        string version,
        TimeSpan timeout,
        TimeSpan pollInterval,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (timeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "timeout must not be negative");
        }

        var start = time.GetTimestamp();
        while (true)
        {
            var current = await getVersion(cancellationToken).ConfigureAwait(false);
            switch (current.Status)
            {
                case ModelStages.Ready:
                    return current;
                case ModelStages.FailedRegistration:
                    throw new MlflowException(ErrorCodes.InternalError, $"model '{name}' version {version} failed to register: {current.StatusMessage ?? "no status message"}");
            }

            var elapsed = time.GetElapsedTime(start);
            if (elapsed >= timeout)
            {
                throw new MlflowException(
                    ErrorCodes.InternalError,
                    string.Create(CultureInfo.InvariantCulture, $"model '{name}' version {version} is still {current.Status} after {timeout.TotalSeconds:0.#} s"));
            }

            // Never sleep past the deadline: the last poll happens at the timeout, not up to one interval after it.
            var wait = timeout - elapsed < pollInterval ? timeout - elapsed : pollInterval;
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
