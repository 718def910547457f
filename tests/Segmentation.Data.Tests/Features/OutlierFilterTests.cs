using Segmentation.Data.Features;

namespace Segmentation.Data.Tests.Features;

public sealed class OutlierFilterTests
{
    private static CustomerFeatureTable Table(params double[] monetary)
    {
        var ids = Enumerable.Range(1, monetary.Length).Select(i => (long)i).ToArray();
        var names = new[] { FeatureCatalog.RecencyDays, FeatureCatalog.Frequency, FeatureCatalog.Monetary };
        var columns = new[] { monetary.Select(_ => 10.0).ToArray(), monetary.Select(_ => 2.0).ToArray(), monetary };
        return new CustomerFeatureTable(ids, names, columns, monetary.Select(m => (decimal)m).ToArray());
    }

    [Fact]
    public void Apply_None_KeepsEveryone()
    {
        var table = Table(1, 2, 1000);

        var (kept, report) = OutlierFilter.Apply(table, new OutlierOptions());

        Assert.Same(table, kept);
        Assert.Equal(0, report.Removed);
    }

    [Fact]
    public void Apply_Iqr_RemovesValuesOutsideTheFences()
    {
        // Q1 = 2, Q3 = 4 (linear interpolation), IQR = 2: fences [-1, 7].
        var (kept, report) = OutlierFilter.Apply(Table(1, 2, 3, 4, 5, 100), new OutlierOptions { Method = OutlierMethod.Iqr });

        Assert.Equal([6L], report.RemovedCustomerIds);
        Assert.Equal([1L, 2, 3, 4, 5], kept.CustomerIds);
        Assert.Contains("monetary: outside [", report.Details[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ZScore_RemovesBeyondThreshold()
    {
        var values = Enumerable.Repeat(10.0, 30).Append(1000).ToArray();

        var (kept, report) = OutlierFilter.Apply(Table(values), new OutlierOptions { Method = OutlierMethod.ZScore });

        Assert.Equal([31L], report.RemovedCustomerIds);
        Assert.Equal(30, kept.RowCount);
    }

    [Fact]
    public void Apply_IsolationForest_RemovesContaminationShareMostAnomalousFirst()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 199).Select(_ => 100 + random.NextDouble()).Append(10_000).ToArray();
        var options = new OutlierOptions { Method = OutlierMethod.IsolationForest, Contamination = 0.01, Features = [FeatureCatalog.Monetary] };

        var (kept, report) = OutlierFilter.Apply(Table(values), options);

        Assert.Equal(2, report.Removed);
        Assert.Contains(200L, report.RemovedCustomerIds);
        Assert.Equal(198, kept.RowCount);
    }

    [Fact]
    public void Apply_IsolationForestSameSeed_SameResult()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 300).Select(_ => random.NextDouble() * 100).ToArray();
        var options = new OutlierOptions { Method = OutlierMethod.IsolationForest, Contamination = 0.05, Seed = 11 };

        var first = OutlierFilter.Apply(Table(values), options).Report.RemovedCustomerIds;
        var second = OutlierFilter.Apply(Table(values), options).Report.RemovedCustomerIds;

        Assert.Equal(first, second);
        Assert.Equal(15, first.Count);
    }
}
