namespace Segmentation.Data.Features;

/// <summary>One entry of the feature catalogue: the column name, its unit and its exact definition.</summary>
public sealed record FeatureDefinition(string Name, string Unit, string Definition);
