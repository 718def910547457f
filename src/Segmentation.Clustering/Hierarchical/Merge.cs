namespace Segmentation.Clustering.Hierarchical;

/// <summary>One merge of an agglomerative tree, in scipy's linkage-matrix convention.</summary>
/// <param name="Left">Id of the first merged cluster: a point index below n, or n + (index of the merge that made it).</param>
/// <param name="Right">Id of the second merged cluster, same convention.</param>
/// <param name="Height">Merge distance: the linkage distance (for Ward, √(2·Δ SSE), as scipy reports it).</param>
/// <param name="Size">Number of points in the merged cluster.</param>
public readonly record struct Merge(int Left, int Right, double Height, int Size);
