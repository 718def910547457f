using Segmentation.Tracking.LoggedModels;
using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.Validation;

public static partial class TrackingValidation
{
    /// <summary>Checks a logged model's creation as the run checks apply to its params and tags (MLflow uses the same limits).</summary>
    /// <exception cref="Errors.InvalidParameterException">An empty name, or a param or tag MLflow would refuse or truncate.</exception>
    public static void ValidateLoggedModel(CreateLoggedModelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ExperimentId, nameof(request));
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new Errors.InvalidParameterException("a logged model needs a name");
        }

        foreach (var (key, value) in request.Params ?? new Dictionary<string, string>())
        {
            ValidateParam(new Param(key, value));
        }

        foreach (var (key, value) in request.Tags ?? new Dictionary<string, string>())
        {
            ValidateTag("logged model tag", key, value, TrackingLimits.MaxTagValueLength);
        }
    }

    /// <summary>Checks a logged model id's shape ("m-" and 32 hex digits) before it goes into a URL path.</summary>
    /// <exception cref="Errors.InvalidParameterException">Anything else, e.g. a path separator.</exception>
    public static void ValidateLoggedModelId(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        if (modelId.Length != 34 || !modelId.StartsWith("m-", StringComparison.Ordinal) || modelId.AsSpan(2).ContainsAnyExcept("0123456789abcdef"))
        {
            throw new Errors.InvalidParameterException($"'{modelId}' is not a logged model id (\"m-\" and 32 hex digits)");
        }
    }

    /// <summary>Both or neither: MLflow links a model metric to a dataset by name and digest together.</summary>
    /// <exception cref="Errors.InvalidParameterException">Only one of them is given.</exception>
    public static void ValidateDatasetReference(string? datasetName, string? datasetDigest)
    {
        if ((datasetName is null) != (datasetDigest is null))
        {
            throw new Errors.InvalidParameterException("a model metric's dataset needs both a name and a digest, or neither");
        }
    }
}
