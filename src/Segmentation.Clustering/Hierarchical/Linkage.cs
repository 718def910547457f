namespace Segmentation.Clustering.Hierarchical;

/// <summary>How the distance between two clusters is measured when building an agglomerative tree (Euclidean points).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Linkage>))]
public enum Linkage
{
    /// <summary>Ward (1963): merge the pair that least increases the total within-cluster sum of squares.</summary>
    Ward,

    /// <summary>Complete linkage: the largest distance between members.</summary>
    Complete,

    /// <summary>Average linkage (UPGMA): the mean distance between members.</summary>
    Average,

    /// <summary>Single linkage: the smallest distance between members.</summary>
    Single,
}
