using Segmentation.Core.Errors;
using Segmentation.Runner.Algorithms.Agglomerative;
using Segmentation.Runner.Algorithms.Dbscan;
using Segmentation.Runner.Algorithms.GaussianMixture;
using Segmentation.Runner.Algorithms.KMeans;

namespace Segmentation.Runner.Algorithms;

/// <summary>The clustering algorithms a sweep config and <c>segment cluster</c> accept, by name, in listing order.</summary>
public sealed class AlgorithmRegistry
{
    private readonly IAlgorithmDescriptor[] _descriptors;

    /// <summary>A registry of <paramref name="descriptors"/>; names must be unique.</summary>
    public AlgorithmRegistry(IEnumerable<IAlgorithmDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        _descriptors = [.. descriptors];
        var duplicate = _descriptors.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"algorithm '{duplicate.Key}' is registered twice", nameof(descriptors));
        }
    }

    /// <summary>The shipped algorithms. Adding one is its folder under <c>Algorithms/</c> and one line here.</summary>
    public static AlgorithmRegistry Default { get; } = new(
    [
        KMeansDescriptor.Instance,
        GaussianMixtureDescriptor.Instance,
        AgglomerativeDescriptor.Instance,
        DbscanDescriptor.Instance,
    ]);

    /// <summary>The registered descriptors, in listing order.</summary>
    public IReadOnlyList<IAlgorithmDescriptor> Descriptors => _descriptors;

    /// <summary>The registered names, in listing order.</summary>
    public IReadOnlyList<string> Names => [.. _descriptors.Select(d => d.Name)];

    /// <summary>The descriptor named <paramref name="name"/>, or null.</summary>
    public IAlgorithmDescriptor? Find(string? name) => _descriptors.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));

    /// <summary>The descriptor named <paramref name="name"/>; a <see cref="UsageException"/> listing the names otherwise.</summary>
    public IAlgorithmDescriptor Get(string? name) =>
        Find(name) ?? throw new UsageException($"unknown algorithm '{name}'; expected one of: {string.Join(", ", Names)}");
}
