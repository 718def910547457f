using System.Globalization;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Ingestion;
using Segmentation.Data.Products;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;

namespace Segmentation.Runner.Tests;

/// <summary>The synthetic blobs with purchases: each customer of blob b bought products 0..b+1 of the blob's own range and product 9.</summary>
internal sealed class PurchasesDataSource : ISweepDataSource
{
    private readonly SyntheticDataSource _inner = new();

    public TrainingData Load(LoadedSweepConfig config, string workingDirectory, CancellationToken cancellationToken)
    {
        var data = _inner.Load(config, workingDirectory, cancellationToken);
        var rows = new List<TransactionRow>();
        var day = new DateTime(2011, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < data.CustomerIds.Length; i++)
        {
            var blob = i % 3;
            foreach (var product in Enumerable.Range(blob * 3, blob + 2).Append(9))
            {
                var code = (20000 + product).ToString(CultureInfo.InvariantCulture);
                rows.Add(new TransactionRow("1", code, "P" + code, 1, day, 1m, data.CustomerIds[i], "UK"));
            }
        }

        return data with { Products = CustomerProducts.FromCleaned(TransactionTable.FromRows(rows), new CleaningOptions().IsCancellation) };
    }
}
