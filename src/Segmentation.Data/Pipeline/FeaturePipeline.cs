using Segmentation.Data.Cleaning;
using Segmentation.Data.Features;
using Segmentation.Data.Ingestion;
using Segmentation.Data.Products;

namespace Segmentation.Data.Pipeline;

/// <summary>Transactions file → typed table → cleaned table → customer features → outlier policy, in one direction.</summary>
public static class FeaturePipeline
{
    /// <summary>
    /// Runs the pipeline. Bad input throws <see cref="DataFormatException"/>; bad options throw
    /// <see cref="ArgumentException"/>; a missing file throws <see cref="FileNotFoundException"/>.
    /// </summary>
    public static FeatureBuildResult Run(DataOptions options, string workingDirectory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        options.Validate();
        var read = TransactionReader.ReadFile(options.Ingestion, workingDirectory, ct);
        ct.ThrowIfCancellationRequested();
        return Run(read, options, ct);
    }

    /// <summary>
    /// The (customer, product) purchases of the raw file as the options clean it, without building features: for a stored
    /// dataset version written before the purchases were kept beside it.
    /// </summary>
    public static CustomerProducts Products(DataOptions options, string workingDirectory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        options.Validate();
        var read = TransactionReader.ReadFile(options.Ingestion, workingDirectory, ct);
        ct.ThrowIfCancellationRequested();
        return CustomerProducts.FromCleaned(TransactionCleaner.Clean(read.Table, options.Cleaning).Table, options.Cleaning.IsCancellation);
    }

    /// <summary>Runs cleaning, features and the outlier policy on transactions already read.</summary>
    public static FeatureBuildResult Run(TransactionReadResult read, DataOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(options);
        var cleaned = TransactionCleaner.Clean(read.Table, options.Cleaning);
        ct.ThrowIfCancellationRequested();
        var features = CustomerFeatureBuilder.Build(cleaned.Table, options.Features, options.Cleaning.IsCancellation);
        ct.ThrowIfCancellationRequested();
        var (screened, outliers) = OutlierFilter.Apply(features.Table, options.Features.Outliers);
        var table = screened.SelectFeatures(options.Features.Include);
        var products = CustomerProducts.FromCleaned(cleaned.Table, options.Cleaning.IsCancellation);
        return new FeatureBuildResult(read.Report.File, read.Report, cleaned.Report, features.ReferenceDate, features.Drops, outliers, table, products);
    }
}
