using Segmentation.Serving.Models;
using Segmentation.Tracking;

using Segmentation.Tracking.Models;

namespace Segmentation.Serving.Http;

/// <summary>
/// Follows an alias or stage reference: every interval it resolves the reference again and, when it points to another
/// version, loads that version beside the current one and swaps it in; a failed load keeps the current model.
/// </summary>
/// <param name="backend">The tracking backend the reference resolves through; used by this loop alone.</param>
/// <param name="reference">The reference served.</param>
/// <param name="cache">The model cache.</param>
/// <param name="holder">The served model.</param>
/// <param name="interval">Time between checks.</param>
/// <param name="names">Segment name overrides per version: the version moved to gets its own.</param>
public sealed class ModelReloader(ITrackingBackend backend, ModelReference reference, ModelCache cache, ModelHolder holder, TimeSpan interval, SegmentNameOverrides? names = null)
{
    /// <summary>Whether <paramref name="reference"/> can point to another version over time (aliases and stages; fixed versions, runs and folders cannot).</summary>
    public static bool Follows(ModelReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Kind is ModelReferenceKind.Alias or ModelReferenceKind.Stage;
    }

    /// <summary>Checks every interval until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, holder.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await CheckAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: the loop ends with the server.
        }
    }

    /// <summary>Resolves the reference once and loads its version when it moved.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        string? version = null;
        try
        {
            var resolved = await ModelResolver.ResolveAsync(backend, backend, reference, cancellationToken).ConfigureAwait(false);
            version = resolved.Version;
            var current = holder.Current.Model;
            if (string.Equals(resolved.Version, current.Identity.Version, StringComparison.Ordinal)
                && string.Equals(resolved.RunId, current.RunId, StringComparison.Ordinal))
            {
                holder.Unchanged(version);
                return;
            }

            var loaded = await ModelLoader.LoadAsync(backend, reference, cache, names, cancellationToken).ConfigureAwait(false);
            holder.Swap(loaded);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Any failure, not only the library's own: the old model keeps serving, and an escaped exception would end
            // the reload loop for the server's lifetime without a word.
            holder.Failed(version, ex.Message);
        }
    }
}
