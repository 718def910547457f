using System.Text.Json.Nodes;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Experiments;
using Segmentation.Tracking.Validation;

namespace Segmentation.Tracking.Rest;

/// <summary>Experiments: get-by-name, get, race-safe get-or-create, set-experiment-tag.</summary>
public sealed partial class RestTrackingStore
{
    /// <inheritdoc />
    public async Task<Experiment> GetOrCreateExperimentAsync(string name, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            TrackingValidation.ValidateTag("experiment tag", key, value, TrackingLimits.MaxExperimentTagValueLength);
        }

        var existing = await GetExperimentByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return RequireActive(existing);
        }

        try
        {
            var body = new JsonObject { ["name"] = name };
            if (tags is { Count: > 0 })
            {
                body["tags"] = MlflowJsonWriter.KeyValues(tags);
            }

            var created = await _client.PostJsonAsync("/api/2.0/mlflow/experiments/create", body, cancellationToken).ConfigureAwait(false);
            var id = MlflowJsonReader.RequiredString(created, "experiment_id", "experiments/create response");
            return await GetExperimentAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceAlreadyExistsException)
        {
            // Another process created it between our lookup and our create: use theirs.
            var raced = await GetExperimentByNameAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new MlflowException(ErrorCodes.InternalError, $"experiment '{name}' was reported as existing but cannot be found by name");
            return RequireActive(raced);
        }
    }

    /// <inheritdoc />
    public async Task<Experiment?> GetExperimentByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        try
        {
            var json = await _client.GetJsonAsync("/api/2.0/mlflow/experiments/get-by-name", [Q("experiment_name", name)], cancellationToken).ConfigureAwait(false);
            return MlflowJsonReader.ReadExperiment(MlflowJsonReader.Required(json, "experiment", "experiments/get-by-name response"));
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<Experiment> GetExperimentAsync(string experimentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentId);
        var json = await _client.GetJsonAsync("/api/2.0/mlflow/experiments/get", [Q("experiment_id", experimentId)], cancellationToken).ConfigureAwait(false);
        return MlflowJsonReader.ReadExperiment(MlflowJsonReader.Required(json, "experiment", "experiments/get response"));
    }

    /// <inheritdoc />
    public async Task SetExperimentTagAsync(string experimentId, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentId);
        TrackingValidation.ValidateTag("experiment tag", key, value, TrackingLimits.MaxExperimentTagValueLength);
        var body = new JsonObject { ["experiment_id"] = experimentId, ["key"] = key, ["value"] = value };
        await _client.PostJsonAsync("/api/2.0/mlflow/experiments/set-experiment-tag", body, cancellationToken).ConfigureAwait(false);
    }

    private static Experiment RequireActive(Experiment experiment) =>
        experiment.LifecycleStage == "active"
            ? experiment
            : throw new InvalidParameterException($"experiment '{experiment.Name}' (id {experiment.ExperimentId}) is deleted; restore it in MLflow or choose another name");
}
