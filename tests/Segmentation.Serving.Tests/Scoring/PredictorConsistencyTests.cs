using Segmentation.Serving.Models;
using Segmentation.Serving.Scoring;
using Segmentation.Serving.Tests.Fixtures;
using Segmentation.Tracking.Models;

namespace Segmentation.Serving.Tests.Scoring;

/// <summary>Predicting the training data with the registered model reproduces the training run's labels exactly.</summary>
public sealed class PredictorConsistencyTests(TrainedModelsFixture models) : IClassFixture<TrainedModelsFixture>
{
    [Theory]
    [InlineData("kmeans")]
    [InlineData("gmm")]
    [InlineData("agglomerative")]
    [InlineData("dbscan")]
    public async Task Predict_TrainingTransactionsThroughRegisteredVersion_ReproducesTrainingLabels(string algorithm)
    {
        var model = await models.GetAsync(algorithm);
        var outcome = await PredictAsync($"models:/{model.Name}/1");

        AssertSameLabels(model, outcome.Result);
        Assert.Equal(model.Name, outcome.Result.Model.ModelName);
        Assert.Equal("1", outcome.Result.Model.ModelVersion);
        Assert.Equal(model.RunId, outcome.Result.Model.RunId);
    }

    [Theory]
    [InlineData("kmeans")]
    [InlineData("gmm")]
    [InlineData("agglomerative")]
    [InlineData("dbscan")]
    public async Task Predict_TrainingTransactions_RebuildsTrainingFeaturesBitForBit(string algorithm)
    {
        var model = await models.GetAsync(algorithm);
        var outcome = await PredictAsync($"models:/{model.Name}/1");
        var rebuilt = outcome.Result.Customers.ToRowMajor(TrainedModelsFixture.Features);

        Assert.Equal(models.Training.Features.Data, rebuilt);
        Assert.Equal(model.Fit.Pipeline.Predict(models.Training.Features, TrainedModelsFixture.Features), outcome.Result.Scores.Segments);
    }

    [Fact]
    public async Task Predict_ModelWithoutTrainingParams_ReadsParentSweepConfigAndReproducesLabels()
    {
        var model = await models.GetAsync("kmeans", withTrainingParams: false);
        var outcome = await PredictAsync($"models:/{model.Name}/1");

        Assert.StartsWith("runs:/", outcome.Result.Model.DataSource, StringComparison.Ordinal);
        AssertSameLabels(model, outcome.Result);
    }

    [Fact]
    public async Task Predict_AtTrainingReferenceDate_BuildsAtTheRecordedResolvedDate()
    {
        var model = await models.GetAsync("kmeans");
        var outcome = await PredictAsync($"models:/{model.Name}/1", atTrainingReferenceDate: true);

        Assert.Equal(models.Built.ReferenceDate, outcome.Result.Batch.ReferenceDate);
        AssertSameLabels(model, outcome.Result);
    }

    [Fact]
    public async Task Predict_AtTrainingReferenceDate_ModelRecordingNoDate_UsageErrorNamingTheOption()
    {
        // The legacy model's params come from the parent's sweep config, where an auto date was never resolved.
        var model = await models.GetAsync("kmeans", withTrainingParams: false);

        var error = await Assert.ThrowsAsync<Core.Errors.UsageException>(() => PredictAsync($"models:/{model.Name}/1", atTrainingReferenceDate: true));

        Assert.Contains("--reference-date training", error.Message, StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_NameOverridesForTheScoredVersion_NameItsSegmentsInRowsAndProfiles()
    {
        var model = await models.GetAsync("kmeans");
        var names = new SegmentNameOverrides(new Dictionary<string, IReadOnlyDictionary<int, string>>
        {
            [model.Name + "/1"] = new Dictionary<int, string> { [0] = "VIP" },
            [model.Name + "/2"] = new Dictionary<int, string> { [1] = "Other version's name" },
        });

        var outcome = await PredictAsync($"models:/{model.Name}/1", names: names);
        var result = outcome.Result;

        var rows = Enumerable.Range(0, result.Count).ToList();
        Assert.All(rows.Where(r => result.Scores.Segments[r] == 0), r => Assert.Equal("VIP", result.SegmentName(r)));
        Assert.All(rows.Where(r => result.Scores.Segments[r] == 1), r => Assert.Equal("segment-1", result.SegmentName(r)));
        Assert.Equal("VIP", SegmentProfiles.Of(result).Single(p => p.Segment == 0).Name);

        // A run reference is no registered version: no version's overrides apply.
        var byRun = await PredictAsync($"runs:/{model.RunId}/model", names: names);
        Assert.Equal("segment-0", SegmentNames.For(0, byRun.Result.Model));
    }

    [Fact]
    public async Task Predict_RunReference_ReproducesLabels()
    {
        var model = await models.GetAsync("kmeans");
        var outcome = await PredictAsync($"runs:/{model.RunId}/model");

        AssertSameLabels(model, outcome.Result);
        Assert.Equal(string.Empty, outcome.Result.Model.ModelVersion);
    }

    [Fact]
    public async Task Predict_TrainingData_ListsCustomersDroppedByCleaning()
    {
        var model = await models.GetAsync("kmeans");
        var outcome = await PredictAsync($"models:/{model.Name}/1");
        var unscored = outcome.Result.Unscored;

        // The shipped data has customers with nothing but cancellations or non-product rows: cleaning leaves them no purchase.
        Assert.NotEmpty(unscored);
        Assert.Equal(models.Built.Customers.CustomersSeen - models.Built.Customers.Kept, unscored.Count(u => u.Reason.Contains("monetary", StringComparison.Ordinal)));
        Assert.DoesNotContain(unscored, u => outcome.Result.Customers.CustomerIds.Contains(u.CustomerId));
    }

    [Fact]
    public async Task Predict_SecondLoad_UsesVerifiedCache()
    {
        var model = await models.GetAsync("kmeans");
        using var cacheDir = new TempDirectory();
        var cache = new ModelCache(cacheDir.Path);
        var resolved = await ModelResolver.ResolveAsync(models.Backend, models.Backend, ModelReference.Parse($"models:/{model.Name}/1", cacheDir.Path), CancellationToken.None);

        var (_, firstHit) = await cache.GetAsync(models.Backend, resolved, CancellationToken.None);
        var (folder, secondHit) = await cache.GetAsync(models.Backend, resolved, CancellationToken.None);
        await File.AppendAllTextAsync(Path.Combine(folder.DirectoryPath, "pipeline.json"), " ");
        var (_, afterTamper) = await cache.GetAsync(models.Backend, resolved, CancellationToken.None);

        Assert.False(firstHit);
        Assert.True(secondHit);
        Assert.False(afterTamper);
    }

    private async Task<PredictOutcome> PredictAsync(string reference, bool atTrainingReferenceDate = false, SegmentNameOverrides? names = null)
    {
        using var cache = new TempDirectory();
        var job = new PredictJob(models.Backend, new ModelCache(cache.Path), TimeProvider.System, models.Scratch);
        var request = new PredictRequest(reference, RepositoryPaths.ShippedDataset, null, null, null, false) { AtTrainingReferenceDate = atTrainingReferenceDate, SegmentNames = names };
        return await job.RunAsync(request, null, CancellationToken.None);
    }

    private void AssertSameLabels(TrainedModel model, ScoringResult result)
    {
        var expected = new Dictionary<long, int>();
        for (var i = 0; i < model.Fit.CustomerIds.Count; i++)
        {
            expected[model.Fit.CustomerIds[i]] = model.Fit.Labels[i];
        }

        Assert.Equal(expected.Count, result.Count);
        var mismatches = 0;
        for (var r = 0; r < result.Count; r++)
        {
            mismatches += expected[result.Customers.CustomerIds[r]] == result.Scores.Segments[r] ? 0 : 1;
        }

        Assert.Equal(0, mismatches);
        Assert.Equal(models.Training.CustomerIds, result.Customers.CustomerIds);
    }
}
