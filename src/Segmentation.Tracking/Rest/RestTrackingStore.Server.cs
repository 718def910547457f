using System.Globalization;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Rest;

/// <summary>The server's generation, asked once per store with <c>GET /version</c> (v3 fixture 155) and remembered.</summary>
public sealed partial class RestTrackingStore
{
    /// <summary>The generation of the server, detected on first use and then cached for the life of this store.</summary>
    /// <remarks>
    /// A server that answers <c>/version</c> with something other than a version (an error, a proxy's page) is
    /// <see cref="MlflowServerGeneration.Unknown"/>, which is cached too; an unreachable server is not, so the next call asks again.
    /// </remarks>
    public async Task<MlflowServerGeneration> GetServerGenerationAsync(CancellationToken cancellationToken = default)
    {
        if (_generation is { } known)
        {
            return known;
        }

        await _generationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_generation is { } raced)
            {
                return raced;
            }

            MlflowServerGeneration detected;
            try
            {
                detected = ParseGeneration(await _client.GetTextAsync("/version", cancellationToken).ConfigureAwait(false));
            }
            catch (MlflowException ex) when (ex is not TrackingUnreachableException)
            {
                detected = MlflowServerGeneration.Unknown;
            }

            _generation = detected;
            return detected;
        }
        finally
        {
            _generationLock.Release();
        }
    }

    /// <summary>"2.17.2" is 2.x, "3.11.2.dev0" (and any later major) is 3.x; anything else is unknown.</summary>
    internal static MlflowServerGeneration ParseGeneration(string version)
    {
        var text = version.Trim();
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !int.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return MlflowServerGeneration.Unknown;
        }

        return major switch
        {
            2 => MlflowServerGeneration.Mlflow2,
            >= 3 => MlflowServerGeneration.Mlflow3,
            _ => MlflowServerGeneration.Unknown,
        };
    }
}
