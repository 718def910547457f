namespace Segmentation.Tracking.Models;

/// <summary>
/// Segment names people chose per registered model version (params.yaml <c>segments.names</c>), applied over the names a
/// model folder records wherever that version's segments are shown: predict, serve, the report and the registry description.
/// </summary>
/// <param name="Names">By <c>"&lt;model name&gt;/&lt;version&gt;"</c> (version without leading zeros), each by segment label.</param>
public sealed record SegmentNameOverrides(IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>> Names)
{
    /// <summary>No overrides.</summary>
    public static SegmentNameOverrides None { get; } = new(new Dictionary<string, IReadOnlyDictionary<int, string>>());

    /// <summary>The overrides of one model version, or null when it has none (or the model is not a registered version).</summary>
    public IReadOnlyDictionary<int, string>? NamesFor(string? model, string? version) =>
        model is not null && version is not null && Names.TryGetValue(model + "/" + version, out var names) ? names : null;
}
