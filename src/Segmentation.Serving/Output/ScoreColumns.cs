namespace Segmentation.Serving.Output;

/// <summary>The column names of a scoring's output, shared by the file writers, the SQL tables and serve.</summary>
public static class ScoreColumns
{
    /// <summary>Customer id.</summary>
    public const string CustomerId = "customer_id";

    /// <summary>Segment id.</summary>
    public const string Segment = "segment";

    /// <summary>Segment name.</summary>
    public const string SegmentName = "segment_name";

    /// <summary>Distance to the assigned centre (KMeans, agglomerative).</summary>
    public const string Distance = "distance";

    /// <summary>Posterior probability of the assigned component (GMM).</summary>
    public const string Probability = "probability";

    /// <summary>Noise flag (DBSCAN).</summary>
    public const string IsNoise = "is_noise";

    /// <summary>Registered model name.</summary>
    public const string ModelName = "model_name";

    /// <summary>Registered model version.</summary>
    public const string ModelVersion = "model_version";

    /// <summary>Training run id.</summary>
    public const string RunId = "run_id";

    /// <summary>The segment's top products by lift (predict <c>--with-products</c>).</summary>
    public const string TopProducts = "top_products";

    /// <summary>When the batch was scored (UTC, ISO 8601).</summary>
    public const string ScoredAt = "scored_at";

    /// <summary>The score column of a score kind.</summary>
    public static string For(Scoring.ScoreKind kind) => kind switch
    {
        Scoring.ScoreKind.Probability => Probability,
        Scoring.ScoreKind.Noise => IsNoise,
        _ => Distance,
    };

    /// <summary>ISO 8601 UTC text of a timestamp, milliseconds kept.</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
