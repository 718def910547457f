using Segmentation.Tracking.Registry;

namespace Segmentation.Tracking;

/// <summary>MLflow's model registry: registered models, versions, stages, aliases and tags.</summary>
public interface IModelRegistry
{
    /// <summary>Creates a registered model; when it already exists returns the existing one (idempotent).</summary>
    Task<RegisteredModel> CreateRegisteredModelAsync(string name, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>Returns a registered model; throws <see cref="Errors.ResourceNotFoundException"/> when missing.</summary>
    Task<RegisteredModel> GetRegisteredModelAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Searches registered models with MLflow's filter syntax (e.g. <c>name LIKE 'seg%'</c>); null = all.</summary>
    Task<IReadOnlyList<RegisteredModel>> SearchRegisteredModelsAsync(string? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Creates the next version of a registered model from a model artifact source.</summary>
    Task<ModelVersion> CreateModelVersionAsync(string name, string source, string? runId, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the next version from an MLflow 3 logged model, as MLflow 3's client does: source <c>models:/&lt;model_id&gt;</c> plus
    /// <c>model_id</c> (v3 fixtures 126, 190, 199); the registry resolves its storage to the model's artifact folder, takes the run
    /// from the model when <paramref name="runId"/> is null, and lists the version in the model's <c>mlflow.modelVersions</c> tag.
    /// </summary>
    Task<ModelVersion> CreateModelVersionFromLoggedModelAsync(string name, string modelId, string? runId, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>Polls until the version is READY; throws when it fails to register or the timeout passes.</summary>
    Task<ModelVersion> WaitForModelVersionReadyAsync(string name, string version, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Returns one model version; throws <see cref="Errors.ResourceNotFoundException"/> when missing.</summary>
    Task<ModelVersion> GetModelVersionAsync(string name, string version, CancellationToken cancellationToken = default);

    /// <summary>Searches model versions (e.g. <c>name='m'</c>, <c>run_id='…'</c>); null = all.</summary>
    Task<IReadOnlyList<ModelVersion>> SearchModelVersionsAsync(string? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Moves a version to a stage (None, Staging, Production, Archived), optionally archiving the others in that stage.</summary>
    Task<ModelVersion> TransitionModelVersionStageAsync(string name, string version, string stage, bool archiveExistingVersions, CancellationToken cancellationToken = default);

    /// <summary>Returns the latest version per requested stage (all stages when empty or null).</summary>
    Task<IReadOnlyList<ModelVersion>> GetLatestVersionsAsync(string name, IReadOnlyList<string>? stages = null, CancellationToken cancellationToken = default);

    /// <summary>Points an alias (e.g. <c>champion</c>) at a version, moving it if it pointed elsewhere.</summary>
    Task SetRegisteredModelAliasAsync(string name, string alias, string version, CancellationToken cancellationToken = default);

    /// <summary>Returns the version an alias points at, or null when the alias is not set.</summary>
    Task<ModelVersion?> GetModelVersionByAliasAsync(string name, string alias, CancellationToken cancellationToken = default);

    /// <summary>Removes an alias.</summary>
    Task DeleteRegisteredModelAliasAsync(string name, string alias, CancellationToken cancellationToken = default);

    /// <summary>Sets (or overwrites) one registered-model tag.</summary>
    Task SetRegisteredModelTagAsync(string name, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Sets (or overwrites) one model-version tag.</summary>
    Task SetModelVersionTagAsync(string name, string version, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Replaces a registered model's description.</summary>
    Task<RegisteredModel> UpdateRegisteredModelAsync(string name, string? description, CancellationToken cancellationToken = default);

    /// <summary>Replaces a model version's description.</summary>
    Task<ModelVersion> UpdateModelVersionAsync(string name, string version, string? description, CancellationToken cancellationToken = default);
}
