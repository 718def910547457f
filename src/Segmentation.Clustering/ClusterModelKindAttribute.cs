namespace Segmentation.Clustering;

/// <summary>Registers an <see cref="IClusterModel"/> implementation for JSON under the given <c>"kind"</c> discriminator.</summary>
/// <param name="kind">The discriminator written to and read from the <c>"kind"</c> property; unique per assembly.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class ClusterModelKindAttribute(string kind) : Attribute
{
    /// <summary>The JSON discriminator value.</summary>
    public string Kind { get; } = kind;
}
