namespace Segmentation.Monitoring.Drift;

/// <summary>One side of the comparison as a dataset: what it is called, its digest, where it came from and its size.</summary>
/// <param name="Name">Dataset name (the training version's, or <c>current_batch</c>).</param>
/// <param name="Digest">Content digest of the customer feature table (the dataset store's).</param>
/// <param name="Source">The transactions file or store path it was built from.</param>
/// <param name="Customers">Customers (rows).</param>
/// <param name="ReferenceDate">The reference date its recency and tenure were computed at, when known.</param>
public sealed record DatasetSide(string Name, string Digest, string Source, int Customers, DateOnly? ReferenceDate);
