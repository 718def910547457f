using System.Globalization;
using Segmentation.Tracking;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Registry;

namespace Segmentation.Serving.Models;

/// <summary>Resolves a model reference through the registry of the configured tracking backend (REST or the local store).</summary>
public static class ModelResolver
{
    /// <summary>Resolves <paramref name="reference"/> to a version and run.</summary>
    /// <exception cref="ModelReferenceException">A missing registered model, alias, version, stage or run, named in the message.</exception>
    public static async Task<ResolvedModel> ResolveAsync(IModelRegistry registry, ITrackingStore store, ModelReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(reference);
        switch (reference.Kind)
        {
            case ModelReferenceKind.LocalFolder:
                return new ResolvedModel(reference, null, null, null);
            case ModelReferenceKind.Run:
                try
                {
                    await store.GetRunAsync(reference.RunId!, cancellationToken).ConfigureAwait(false);
                }
                catch (ResourceNotFoundException ex)
                {
                    throw new ModelReferenceException($"--model '{reference.Text}': run {reference.RunId} does not exist in the tracking store", ex);
                }

                return new ResolvedModel(reference, null, null, reference.RunId);
        }

        var name = reference.Name!;
        await RequireModelAsync(registry, reference, cancellationToken).ConfigureAwait(false);
        var version = reference.Kind switch
        {
            ModelReferenceKind.Alias => await registry.GetModelVersionByAliasAsync(name, reference.Selector!, cancellationToken).ConfigureAwait(false)
                ?? throw new ModelReferenceException($"--model '{reference.Text}': registered model '{name}' has no alias '{reference.Selector}'"),
            ModelReferenceKind.Version => await GetVersionAsync(registry, reference, cancellationToken).ConfigureAwait(false),
            _ => await GetStageAsync(registry, reference, cancellationToken).ConfigureAwait(false),
        };
        if (!string.Equals(version.Status, ModelStages.Ready, StringComparison.Ordinal))
        {
            throw new ModelReferenceException($"--model '{reference.Text}': version {version.Version} of '{name}' is {version.Status}, not READY");
        }

        return string.IsNullOrEmpty(version.RunId)
            ? throw new ModelReferenceException($"--model '{reference.Text}': version {version.Version} of '{name}' has no run (source {version.Source}); this tool loads models it logged to a run")
            : new ResolvedModel(reference, name, version.Version, version.RunId);
    }

    private static async Task RequireModelAsync(IModelRegistry registry, ModelReference reference, CancellationToken cancellationToken)
    {
        try
        {
            await registry.GetRegisteredModelAsync(reference.Name!, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException ex)
        {
            throw new ModelReferenceException($"--model '{reference.Text}': there is no registered model '{reference.Name}' in the tracking store's registry", ex);
        }
    }

    private static async Task<ModelVersion> GetVersionAsync(IModelRegistry registry, ModelReference reference, CancellationToken cancellationToken)
    {
        try
        {
            return await registry.GetModelVersionAsync(reference.Name!, reference.Selector!, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException ex)
        {
            throw new ModelReferenceException($"--model '{reference.Text}': registered model '{reference.Name}' has no version {reference.Selector}", ex);
        }
    }

    private static async Task<ModelVersion> GetStageAsync(IModelRegistry registry, ModelReference reference, CancellationToken cancellationToken)
    {
        var name = reference.Name!;
        if (reference.Selector == ModelReference.Latest)
        {
            var all = await registry.SearchModelVersionsAsync($"name='{name.Replace("'", "\\'", StringComparison.Ordinal)}'", cancellationToken).ConfigureAwait(false);
            return all.MaxBy(v => long.Parse(v.Version, NumberStyles.None, CultureInfo.InvariantCulture))
                ?? throw new ModelReferenceException($"--model '{reference.Text}': registered model '{name}' has no versions");
        }

        var latest = await registry.GetLatestVersionsAsync(name, [reference.Selector!], cancellationToken).ConfigureAwait(false);
        return latest.FirstOrDefault(v => string.Equals(v.CurrentStage, reference.Selector, StringComparison.OrdinalIgnoreCase))
            ?? throw new ModelReferenceException($"--model '{reference.Text}': registered model '{name}' has no version in stage {reference.Selector}");
    }
}
