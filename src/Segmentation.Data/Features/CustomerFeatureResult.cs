namespace Segmentation.Data.Features;

/// <summary>The feature table (all catalogue features), the reference date used and the customers dropped.</summary>
public sealed record CustomerFeatureResult(CustomerFeatureTable Table, DateOnly ReferenceDate, CustomerDropReport Drops);
