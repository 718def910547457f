namespace Segmentation.Tracking.Search;

/// <summary>What a search identifier refers to (the prefix before the first dot).</summary>
public enum FilterEntity
{
    /// <summary>A run attribute (<c>attributes.status</c>) or, in registry searches, a bare field (<c>name</c>).</summary>
    Attribute,

    /// <summary><c>metrics.key</c>.</summary>
    Metric,

    /// <summary><c>params.key</c>.</summary>
    Param,

    /// <summary><c>tags.key</c>.</summary>
    Tag,
}
