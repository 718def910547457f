namespace Segmentation.Runner.Algorithms;

/// <summary>The search ranges of one clustering algorithm (<c>search.algorithms.&lt;name&gt;</c>), bound by its descriptor.</summary>
public abstract record AlgorithmSpace
{
    /// <summary>The algorithm the ranges belong to.</summary>
    public abstract IAlgorithmDescriptor Descriptor { get; }

    /// <summary>Algorithm name as logged.</summary>
    public string Algorithm => Descriptor.Name;

    /// <summary>Every setting in the space, in a fixed order (k varies fastest, so per-k curves come out contiguous).</summary>
    public abstract IReadOnlyList<TrialOptions> Expand();
}
