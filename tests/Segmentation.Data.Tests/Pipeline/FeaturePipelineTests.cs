using Segmentation.Data.Features;
using Segmentation.Data.Ingestion;
using Segmentation.Data.Pipeline;

namespace Segmentation.Data.Tests.Pipeline;

public sealed class FeaturePipelineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segpipe-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Run_SmallFile_CleansBuildsFeaturesAndKeepsIncludedColumnsOnly()
    {
        File.WriteAllText(Path.Combine(_dir, "t.csv"), """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            1,10001,A,2,2011-01-03T10:00:00,1.5,42,United Kingdom
            1,10001,A,2,2011-01-03T10:00:00,1.5,42,United Kingdom
            1,POST,POSTAGE,1,2011-01-03T10:00:00,18,42,United Kingdom
            2,10002,B,1,2011-01-05T11:00:00,2,,United Kingdom
            C3,10001,A,-1,2011-01-06T11:00:00,1.5,42,United Kingdom
            4,10003,C,5,2011-01-09T12:00:00,0,43,France
            5,10003,C,5,2011-01-09T12:00:00,1,43,France
            """);
        var options = new DataOptions
        {
            Ingestion = new IngestionOptions { Input = "t.csv" },
            Features = new FeatureOptions { Include = [FeatureCatalog.Monetary, FeatureCatalog.RecencyDays] },
        };

        var result = FeaturePipeline.Run(options, _dir, CancellationToken.None);

        Assert.Equal(7, result.Ingestion.RowsRead);
        Assert.Equal([1L, 1, 1, 1, 0], result.Cleaning.Rules.Select(r => r.RowsRemoved));
        Assert.Equal(new DateOnly(2011, 1, 10), result.ReferenceDate);
        Assert.Equal([42L, 43L], result.Table.CustomerIds);
        Assert.Equal([FeatureCatalog.Monetary, FeatureCatalog.RecencyDays], result.Table.FeatureNames);
        Assert.Equal([1.5, 5.0], result.Table.Column(FeatureCatalog.Monetary));
        Assert.Equal([7.0, 1.0], result.Table.Column(FeatureCatalog.RecencyDays));
        Assert.Equal([1.5, 7.0, 5.0, 1.0], result.Table.ToRowMajor([FeatureCatalog.Monetary, FeatureCatalog.RecencyDays]));
        Assert.Equal(Path.Combine(_dir, "t.csv"), result.InputPath);
    }
}
