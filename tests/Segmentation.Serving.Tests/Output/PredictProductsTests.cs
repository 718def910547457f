using Segmentation.Core.Errors;
using Segmentation.Data.Products;
using Segmentation.Parquet.Reading;
using Segmentation.Serving.Models;
using Segmentation.Serving.Output;
using Segmentation.Serving.Scoring;
using Segmentation.Serving.Tests.Fixtures;

namespace Segmentation.Serving.Tests.Output;

/// <summary><c>predict --with-products</c>: each row carries its segment's top products, as the model's segment_products.csv ranks them.</summary>
public sealed class PredictProductsTests(TrainedModelsFixture models) : IClassFixture<TrainedModelsFixture>
{
    [Theory]
    [InlineData("scores.csv")]
    [InlineData("scores.parquet")]
    public async Task Predict_WithProducts_EveryRowHasItsSegmentsProductsInRankOrder(string file)
    {
        var model = await models.GetAsync("kmeans");
        using var dir = new TempDirectory();

        var outcome = await PredictAsync($"models:/{model.Name}/1", dir.Path, file, withProducts: true);
        var written = ReadTopProducts(outcome.OutputFile!);

        // The expectation straight from the training labels and the products file, not from the column writer's lookup.
        var products = SegmentProductLift.Compute(models.Built.Products!, models.Training.CustomerIds, model.Fit.Labels, 10, 20);
        var bySegment = products.GroupBy(p => p.Segment).ToDictionary(g => g.Key, g => string.Join(';', g.OrderBy(p => p.Rank).Select(p => p.StockCode)));
        var result = outcome.Result;
        Assert.Equal(result.Count, written.Length);
        for (var r = 0; r < result.Count; r++)
        {
            Assert.Equal(bySegment[result.Scores.Segments[r]], written[r]);
        }

        Assert.All(bySegment.Values, codes => Assert.True(codes.Split(';').Length is > 1 and <= 20, codes));
    }

    [Fact]
    public async Task Predict_WithoutProductsFlag_NoProductsColumn()
    {
        var model = await models.GetAsync("kmeans");
        using var dir = new TempDirectory();

        var outcome = await PredictAsync($"models:/{model.Name}/1", dir.Path, "scores.csv", withProducts: false);

        Assert.DoesNotContain(ScoreColumns.TopProducts, File.ReadLines(outcome.OutputFile!).First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_WithProductsOnAModelWithoutThem_UsageErrorNamingTheFlagAndTheFile()
    {
        var model = await models.GetAsync("kmeans", withTrainingParams: false);
        using var dir = new TempDirectory();

        var error = await Assert.ThrowsAsync<UsageException>(() => PredictAsync($"models:/{model.Name}/1", dir.Path, "scores.csv", withProducts: true));

        Assert.StartsWith("--with-products: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(SegmentProductsCsv.FileName, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "scores.csv")));
    }

    private async Task<PredictOutcome> PredictAsync(string reference, string directory, string file, bool withProducts)
    {
        var job = new PredictJob(models.Backend, new ModelCache(Path.Combine(directory, "cache")), TimeProvider.System, directory);
        var request = new PredictRequest(reference, RepositoryPaths.ShippedDataset, null, file, null, false) { WithProducts = withProducts };
        return await job.RunAsync(request, null, CancellationToken.None);
    }

    private static string[] ReadTopProducts(string path)
    {
        if (path.EndsWith(".parquet", StringComparison.Ordinal))
        {
            using var reader = ParquetReader.Open(path);
            return [.. reader.ReadRowGroups([ScoreColumns.TopProducts]).SelectMany(g => g[ScoreColumns.TopProducts].AsStrings()).Select(s => s!)];
        }

        var lines = File.ReadAllLines(path);
        var column = Array.IndexOf(lines[0].Split(','), ScoreColumns.TopProducts);
        Assert.True(column >= 0, lines[0]);
        return [.. lines.Skip(1).Select(l => l.Split(',')[column])];
    }
}
