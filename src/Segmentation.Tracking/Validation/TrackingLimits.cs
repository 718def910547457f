namespace Segmentation.Tracking.Validation;

/// <summary>MLflow 2.17's limits (mlflow/utils/validation.py and the SQL schema's column sizes).</summary>
public static class TrackingLimits
{
    /// <summary>Longest metric, param or tag key.</summary>
    public const int MaxKeyLength = 250;

    /// <summary>Longest param value; MLflow truncates longer values silently, this client refuses them.</summary>
    public const int MaxParamValueLength = 6000;

    /// <summary>Longest run tag value.</summary>
    public const int MaxTagValueLength = 8000;

    /// <summary>Longest experiment tag value.</summary>
    public const int MaxExperimentTagValueLength = 5000;

    /// <summary>Longest registry (model / version) tag value and description.</summary>
    public const int MaxRegistryValueLength = 5000;

    /// <summary>Most metrics in one log-batch request.</summary>
    public const int MaxMetricsPerBatch = 1000;

    /// <summary>Most params in one log-batch request.</summary>
    public const int MaxParamsPerBatch = 100;

    /// <summary>Most tags in one log-batch request.</summary>
    public const int MaxTagsPerBatch = 100;

    /// <summary>Most metrics + params + tags in one log-batch request.</summary>
    public const int MaxEntitiesPerBatch = 1000;

    /// <summary>Longest dataset name.</summary>
    public const int MaxDatasetNameLength = 500;

    /// <summary>Longest dataset digest.</summary>
    public const int MaxDatasetDigestLength = 36;

    /// <summary>Longest dataset source type.</summary>
    public const int MaxDatasetSourceTypeLength = 36;

    /// <summary>Longest input tag key.</summary>
    public const int MaxInputTagKeyLength = 255;

    /// <summary>Longest input tag value.</summary>
    public const int MaxInputTagValueLength = 500;
}
