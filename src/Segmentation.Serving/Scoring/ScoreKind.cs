namespace Segmentation.Serving.Scoring;

/// <summary>What the per-customer score of an algorithm means.</summary>
public enum ScoreKind
{
    /// <summary>Euclidean distance to the assigned centre in the model's (scaled, reduced) space: KMeans, agglomerative.</summary>
    Distance,

    /// <summary>Posterior probability of the assigned component: GMM.</summary>
    Probability,

    /// <summary>Whether the customer is noise (no core sample within eps): DBSCAN.</summary>
    Noise,
}
