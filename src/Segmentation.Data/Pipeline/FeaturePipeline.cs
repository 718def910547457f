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
        // Rows are cleaned and folded into per-customer state as they are parsed: memory follows customers, not lines.
        var cleaner = new StreamingCleaner(options.Cleaning);
        var report = TransactionReader.ReadInto(cleaner, options.Ingestion, workingDirectory, ct);
        ct.ThrowIfCancellationRequested();
        return Finish(cleaner, report, options);
    }

    /// <summary>
    /// Streams a batch to score through the options' ingestion, cleaning and features, without the outlier policy (it
    /// decides which customers shape a model, while every customer of a batch gets a segment). Memory follows customers.
    /// </summary>
    public static BatchFeatureResult Batch(DataOptions options, string workingDirectory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        options.Validate();
        var cleaner = new StreamingCleaner(options.Cleaning, trackRawCustomers: true);
        var report = TransactionReader.ReadInto(cleaner, options.Ingestion, workingDirectory, ct);
        ct.ThrowIfCancellationRequested();
        var features = cleaner.Customers.Finish(options.Features, cleaner.Countries.Values);
        return new BatchFeatureResult(report, cleaner.Report, features, [.. cleaner.RawCustomers!.Order()], cleaner.Customers.CustomerIds, cleaner.RawRowsWithoutCustomer);
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
        var cleaner = new StreamingCleaner(options.Cleaning);
        _ = TransactionReader.ReadInto(cleaner, options.Ingestion, workingDirectory, ct);
        ct.ThrowIfCancellationRequested();
        return cleaner.Customers.Products(cleaner.StockCodes.Values, cleaner.Descriptions.Values);
    }

    /// <summary>Runs cleaning, features and the outlier policy on transactions already read.</summary>
    public static FeatureBuildResult Run(TransactionReadResult read, DataOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(options);
        var cleaner = new StreamingCleaner(options.Cleaning);
        TransactionReader.Replay(read.Table, cleaner);
        ct.ThrowIfCancellationRequested();
        return Finish(cleaner, read.Report, options);
    }

    private static FeatureBuildResult Finish(StreamingCleaner cleaner, IngestionReport report, DataOptions options)
    {
        // The purchases and the features only read the folded state, so with a second core they are worked out at once:
        // both run after the last row, on the ingest's critical path (measured on the shipped file, ReadyToRun build: the
        // purchases are about 60 ms of CPU, the features with the outlier policy less; they no longer add up).
        var purchases = PipelinedSink.Pays ? Task.Run(() => cleaner.Customers.Products(cleaner.StockCodes.Values, cleaner.Descriptions.Values)) : null;
        var features = cleaner.Customers.Finish(options.Features, cleaner.Countries.Values);
        var (screened, outliers) = OutlierFilter.Apply(features.Table, options.Features.Outliers);
        var table = screened.SelectFeatures(options.Features.Include);
        var products = purchases is null
            ? cleaner.Customers.Products(cleaner.StockCodes.Values, cleaner.Descriptions.Values)
            : purchases.GetAwaiter().GetResult();
        return new FeatureBuildResult(report.File, report, cleaner.Report, features.ReferenceDate, features.Drops, outliers, table, products);
    }
}
