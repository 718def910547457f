namespace Segmentation.Clustering.KMeans;

/// <summary>The k-means iteration scheme; both converge to the same result from the same start.</summary>
public enum KMeansAlgorithm
{
    /// <summary>Lloyd's algorithm: every point against every centre each iteration (scikit-learn's default).</summary>
    Lloyd,

    /// <summary>Elkan (2003), "Using the triangle inequality to accelerate k-means": skips distances bounded away.</summary>
    Elkan,
}
