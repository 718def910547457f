using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Experiments;
using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.Tests.Behaviour;

public abstract partial class TrackingStoreBehaviourTests
{
    /// <summary>A parent and three children (k = 3, 4, 5) with silhouettes 0.52, 0.35, 0.21, one child FINISHED.</summary>
    private async Task<(Experiment Experiment, Run Parent, Run[] Children)> SweepAsync()
    {
        var experiment = await NewExperimentAsync();
        var parent = await NewRunAsync(experiment, "sweep-parent", T0);
        var silhouettes = new[] { 0.52, 0.35, 0.21 };
        var children = new Run[3];
        for (var i = 0; i < 3; i++)
        {
            var k = (i + 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
            children[i] = await NewRunAsync(experiment, "kmeans-k" + k, T0 + ((i + 1) * 1000), parent.Info.RunId);
            await Store.LogBatchAsync(children[i].Info.RunId, [new Metric("silhouette", silhouettes[i], T0 + 5000, 0)], [new Param("k", k), new Param("algorithm", "kmeans")]);
        }

        await Store.UpdateRunAsync(children[0].Info.RunId, RunStatus.Finished, T0 + 9000);
        return (experiment, parent, children);
    }

    private async Task<string[]> SearchNamesAsync(Experiment experiment, string? filter, params string[] orderBy) =>
        (await Store.SearchRunsAsync(new RunSearchRequest([experiment.ExperimentId], filter, orderBy))).Select(r => r.Info.RunName).ToArray();

    [Fact]
    public async Task SearchRuns_MetricFilterOrderedDesc_ReturnsMatchingRunsBestFirst()
    {
        var (experiment, _, _) = await SweepAsync();

        var names = await SearchNamesAsync(experiment, "metrics.silhouette > 0.3", "metrics.silhouette DESC");

        Assert.Equal(["kmeans-k3", "kmeans-k4"], names);
    }

    [Fact]
    public async Task SearchRuns_MetricOrderAscending_RunsWithoutTheMetricComeLast()
    {
        var (experiment, _, _) = await SweepAsync();

        var names = await SearchNamesAsync(experiment, null, "metrics.silhouette ASC");

        Assert.Equal(["kmeans-k5", "kmeans-k4", "kmeans-k3", "sweep-parent"], names);
    }

    [Fact]
    public async Task SearchRuns_ParentRunTagPlainOrBackticked_ReturnsChildrenByStartTime()
    {
        var (experiment, parent, _) = await SweepAsync();

        var plain = await SearchNamesAsync(experiment, $"tags.mlflow.parentRunId = '{parent.Info.RunId}'", "attributes.start_time ASC");
        var backticked = await SearchNamesAsync(experiment, $"tags.`mlflow.parentRunId` = '{parent.Info.RunId}'", "attributes.start_time ASC");

        Assert.Equal(["kmeans-k3", "kmeans-k4", "kmeans-k5"], plain);
        Assert.Equal(plain, backticked);
    }

    [Fact]
    public async Task SearchRuns_NoOrder_DefaultsToStartTimeDescending()
    {
        var (experiment, _, _) = await SweepAsync();

        Assert.Equal(["kmeans-k5", "kmeans-k4", "kmeans-k3", "sweep-parent"], await SearchNamesAsync(experiment, null));
    }

    [Fact]
    public async Task SearchRuns_ParamEqualityAndLike_FilterOnParams()
    {
        var (experiment, _, _) = await SweepAsync();

        Assert.Equal(["kmeans-k4"], await SearchNamesAsync(experiment, "params.k = '4'"));
        Assert.Equal(["kmeans-k5", "kmeans-k3"], await SearchNamesAsync(experiment, "params.k != '4' AND params.algorithm LIKE 'km%'"));
        Assert.Empty(await SearchNamesAsync(experiment, "params.algorithm LIKE 'KM%'"));
        Assert.Equal(3, (await SearchNamesAsync(experiment, "params.algorithm ILIKE 'KM%'")).Length);
    }

    [Fact]
    public async Task SearchRuns_AttributeFilters_StatusRunNameAndStartTime()
    {
        var (experiment, _, _) = await SweepAsync();

        Assert.Equal(["kmeans-k3"], await SearchNamesAsync(experiment, "attributes.status = 'FINISHED'"));
        Assert.Equal(["kmeans-k4"], await SearchNamesAsync(experiment, "attributes.run_name = 'kmeans-k4'"));
        Assert.Equal(["kmeans-k5", "kmeans-k4"], await SearchNamesAsync(experiment, $"attributes.start_time >= {T0 + 2000} AND attributes.status = 'RUNNING'"));
    }

    [Fact]
    public async Task SearchRuns_MaxResults_ReturnsThatManyInOrder()
    {
        var (experiment, _, _) = await SweepAsync();

        var runs = await Store.SearchRunsAsync(new RunSearchRequest([experiment.ExperimentId], "metrics.silhouette > 0", ["metrics.silhouette DESC"], MaxResults: 2));

        Assert.Equal(["kmeans-k3", "kmeans-k4"], runs.Select(r => r.Info.RunName));
    }

    [Fact]
    public async Task SearchRuns_ResultsCarryData()
    {
        var (experiment, _, _) = await SweepAsync();

        var run = (await Store.SearchRunsAsync(new RunSearchRequest([experiment.ExperimentId], "params.k = '3'"))).Single();

        Assert.Equal(0.52, run.Data.Metrics["silhouette"].Value);
        Assert.Equal("kmeans", run.Data.Params["algorithm"]);
    }

    [Fact]
    public async Task SearchRuns_ManyRuns_ReturnsAllAcrossPages()
    {
        var experiment = await NewExperimentAsync();
        for (var i = 0; i < 12; i++)
        {
            await NewRunAsync(experiment, "r" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), T0 + i);
        }

        var runs = await Store.SearchRunsAsync(new RunSearchRequest([experiment.ExperimentId]));

        Assert.Equal(12, runs.Count);
        Assert.Equal(12, runs.Select(r => r.Info.RunId).Distinct().Count());
    }

    [Theory]
    [InlineData("metrics.silhouette >>> 0.3")]
    [InlineData("metrics.silhouette > 0.3 OR params.k = '3'")]
    [InlineData("nonsense.key = 'x'")]
    [InlineData("params.k = ")]
    public async Task SearchRuns_BadFilter_ThrowsInvalidParameter(string filter)
    {
        var experiment = await NewExperimentAsync();

        await Assert.ThrowsAsync<InvalidParameterException>(() => Store.SearchRunsAsync(new RunSearchRequest([experiment.ExperimentId], filter)));
    }
}
