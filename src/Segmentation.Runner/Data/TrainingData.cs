using Segmentation.Clustering;
using Segmentation.Core.Errors;
using Segmentation.Data.Versioning;

namespace Segmentation.Runner.Data;

/// <summary>The feature table a sweep trains on: one row per customer, the selected feature columns, and its digest.</summary>
/// <param name="CustomerIds">Customer id of each row.</param>
/// <param name="FeatureNames">Column names of <paramref name="Features"/>, in order.</param>
/// <param name="Features">Raw (unscaled) features, row-major.</param>
/// <param name="Digest">Content digest of exactly these rows and columns (the dataset store's <c>DatasetDigest</c>).</param>
/// <param name="SourcePath">The raw transactions file the table was built from, as the user gave it (see <see cref="SourceAsGiven"/>).</param>
/// <param name="Name">The dataset name logged with MLflow's dataset input.</param>
public sealed record TrainingData(long[] CustomerIds, IReadOnlyList<string> FeatureNames, Matrix Features, string Digest, string SourcePath, string Name = "customer_features")
{
    private IReadOnlyList<KeyValuePair<string, double[]>>? _columns;

    /// <summary>
    /// Every column of the dataset version's table, selected or not, in table order — what segment profiles, names and
    /// revenue shares are computed from, so they describe customers in full even when the sweep clusters on a few features.
    /// </summary>
    /// <value>Defaults to the selected features.</value>
    public IReadOnlyList<KeyValuePair<string, double[]>> Columns
    {
        get => _columns ??= [.. FeatureNames.Select((name, j) => new KeyValuePair<string, double[]>(name, Features.Column(j)))];
        init => _columns = value;
    }

    /// <summary>
    /// The (customer, product) purchases of the dataset version, for products per segment; null when the data source has
    /// none (a table made in memory), and then the model folder has no <c>segment_products.csv</c>.
    /// </summary>
    public Segmentation.Data.Products.CustomerProducts? Products { get; init; }

    /// <summary>
    /// The reference date recency and tenure were computed at (resolved when <c>features.reference_date</c> is auto);
    /// null when the dataset version does not record it (a table made in memory, or a manifest from before it was recorded).
    /// </summary>
    public DateOnly? ReferenceDate { get; init; }

    /// <summary>The manifest of the dataset version the table was selected from; null for a table made in memory.</summary>
    public DatasetManifest? Manifest { get; init; }

    /// <summary>
    /// Completes when the table's dataset version is in the store (<see cref="DatasetIngestResult.Stored"/>): a fresh
    /// ingest trains while its version is still being written; faults with the write's error.
    /// </summary>
    public Task Stored { get; init; } = Task.CompletedTask;

    /// <summary>Each customer's revenue: the <c>monetary</c> column (net spend), or null when the table has none.</summary>
    public double[]? Revenue => Columns.FirstOrDefault(c => c.Key == Segmentation.Data.Features.FeatureCatalog.Monetary).Value;

    /// <summary>
    /// Selects <paramref name="features"/> of a stored dataset version as a validated matrix. The digest is the stored
    /// version's, so <c>segment data show</c> finds what a run was trained on; the selected columns are part of every
    /// trial's params, so trial hashes still tell different selections apart.
    /// </summary>
    /// <param name="dataset">The ingested (or cached) dataset version.</param>
    /// <param name="features">The columns to train on.</param>
    /// <param name="sourcePath">The input as this invocation gave it; the manifest's path is where the version was first
    /// ingested from, which a cache hit from another directory or machine would otherwise report as this run's source.</param>
    /// <exception cref="UsageException">A selected feature is not a column of the dataset.</exception>
    public static TrainingData FromDataset(DatasetIngestResult dataset, IReadOnlyList<string> features, string sourcePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePath);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(features);
        var table = dataset.Table;
        // Sweep configs are checked against features.include when loaded; this catches a feature picked on the command line.
        if (features.FirstOrDefault(f => !table.FeatureNames.Contains(f, StringComparer.Ordinal)) is { } unknown)
        {
            throw new UsageException($"unknown feature '{unknown}'; the table has: {string.Join(", ", table.FeatureNames)} (dataset {DatasetDigest.Short(dataset.Manifest.Digest)})");
        }

        var matrix = new Matrix(table.ToRowMajor(features), table.RowCount, features.Count);
        matrix.Validate("features");
        var manifest = dataset.Manifest;
        return new TrainingData(table.CustomerIds, [.. features], matrix, manifest.Digest, sourcePath, manifest.Name)
        {
            Columns = [.. table.FeatureNames.Select(name => new KeyValuePair<string, double[]>(name, table.Column(name)))],
            Products = dataset.Products,
            ReferenceDate = manifest.Build?.ReferenceDate,
            Manifest = manifest,
            Stored = dataset.Stored,
        };
    }

    /// <summary>
    /// The input path as the dataset source MLflow shows: relative to <paramref name="workingDirectory"/> with forward
    /// slashes when the file is inside it (so the same sweep run from two checkouts logs the same source), else absolute.
    /// </summary>
    public static string SourceAsGiven(string input, string workingDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(workingDirectory);
        var full = Path.GetFullPath(input, workingDirectory);
        var relative = Path.GetRelativePath(workingDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative.Replace('\\', '/');
    }
}
