using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Sqlite;

namespace Segmentation.Tracking.Tests.Sqlite;

public sealed class SqliteRunSearchPagingTests
{
    [Fact]
    public async Task SearchRunsPage_PageSizeOne_PagesLikeMlflowUntilAnEmptyPage()
    {
        using var db = new SqliteTestDatabase();
        using var store = SqliteTrackingStore.Open(db.DatabasePath, TimeProvider.System);
        var experiment = await store.GetOrCreateExperimentAsync("paging");
        foreach (var (name, value) in new[] { ("a", 0.5), ("b", 0.4), ("c", 0.1) })
        {
            var run = await store.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, name, 1_700_000_000_000));
            await store.LogBatchAsync(run.Info.RunId, [new Metric("silhouette", value, 1_700_000_000_000)]);
        }

        var request = new RunSearchRequest([experiment.ExperimentId], "metrics.silhouette > 0.3", ["metrics.silhouette DESC"]);
        var page1 = await store.SearchRunsPageAsync(request, 1, null);
        var page2 = await store.SearchRunsPageAsync(request, 1, page1.NextPageToken);
        var page3 = await store.SearchRunsPageAsync(request, 1, page2.NextPageToken);

        Assert.Equal("a", Assert.Single(page1.Runs).Info.RunName);
        Assert.Equal("b", Assert.Single(page2.Runs).Info.RunName);
        // MLflow hands out a token with every full page; the page after the last match is empty and has none.
        Assert.NotNull(page2.NextPageToken);
        Assert.Empty(page3.Runs);
        Assert.Null(page3.NextPageToken);
    }

    [Fact]
    public async Task SearchRunsPage_GarbageToken_ThrowsInvalidParameter()
    {
        using var db = new SqliteTestDatabase();
        using var store = SqliteTrackingStore.Open(db.DatabasePath, TimeProvider.System);

        await Assert.ThrowsAsync<InvalidParameterException>(() => store.SearchRunsPageAsync(new RunSearchRequest(["0"]), 10, "not-a-token"));
    }
}
