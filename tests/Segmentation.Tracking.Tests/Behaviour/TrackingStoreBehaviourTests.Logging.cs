using System.Globalization;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.Tests.Behaviour;

public abstract partial class TrackingStoreBehaviourTests
{
    [Fact]
    public async Task LogBatch_MetricsParamsTags_GetRunShowsLatestMetricValues()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);

        await Store.LogBatchAsync(run.Info.RunId,
            [new Metric("silhouette", 0.41, T0 + 2000, 0), new Metric("silhouette", 0.45, T0 + 3000, 1), new Metric("silhouette", 0.52, T0 + 4000, 2), new Metric("inertia", 123.5, T0 + 4000, 2)],
            [new Param("k", "3"), new Param("algorithm", "lloyd")],
            [new RunTag("stage", "train")]);

        var fetched = await Store.GetRunAsync(run.Info.RunId);
        Assert.Equal(0.52, fetched.Data.Metrics["silhouette"].Value);
        Assert.Equal(2, fetched.Data.Metrics["silhouette"].Step);
        Assert.Equal(T0 + 4000, fetched.Data.Metrics["silhouette"].TimestampMs);
        Assert.Equal(123.5, fetched.Data.Metrics["inertia"].Value);
        Assert.Equal("3", fetched.Data.Params["k"]);
        Assert.Equal("lloyd", fetched.Data.Params["algorithm"]);
        Assert.Equal("train", fetched.Data.Tags["stage"]);
    }

    [Fact]
    public async Task LogBatch_LowerStepLoggedLater_LatestMetricKeepsHighestStep()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);

        await Store.LogBatchAsync(run.Info.RunId, [new Metric("inertia", 10, T0 + 1000, 5)]);
        await Store.LogBatchAsync(run.Info.RunId, [new Metric("inertia", 99, T0 + 2000, 1)]);

        Assert.Equal(10, (await Store.GetRunAsync(run.Info.RunId)).Data.Metrics["inertia"].Value);
    }

    [Fact]
    public async Task GetMetricHistory_ThreeSteps_ReturnsEveryPointInStepOrder()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        await Store.LogBatchAsync(run.Info.RunId, [new Metric("silhouette", 0.52, T0 + 4000, 2), new Metric("silhouette", 0.41, T0 + 2000, 0)]);
        await Store.LogBatchAsync(run.Info.RunId, [new Metric("silhouette", 0.45, T0 + 3000, 1)]);

        var history = await Store.GetMetricHistoryAsync(run.Info.RunId, "silhouette");

        Assert.Equal([0L, 1L, 2L], history.OrderBy(m => m.Step).Select(m => m.Step));
        Assert.Equal([0.41, 0.45, 0.52], history.OrderBy(m => m.Step).Select(m => m.Value));
        Assert.Equal([T0 + 2000, T0 + 3000, T0 + 4000], history.OrderBy(m => m.Step).Select(m => m.TimestampMs));
        Assert.Empty(await Store.GetMetricHistoryAsync(run.Info.RunId, "never-logged"));
    }

    [Fact]
    public async Task LogBatch_NaNMetric_ReadsBackAsNaN()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);

        await Store.LogBatchAsync(run.Info.RunId, [new Metric("silhouette", double.NaN, T0, 0)]);

        Assert.True(double.IsNaN((await Store.GetRunAsync(run.Info.RunId)).Data.Metrics["silhouette"].Value));
    }

    [Fact]
    public async Task LogBatch_MoreThanOneRequestAllows_LogsEverything()
    {
        // 250 params, 150 tags and 2,500 metrics exceed every per-request limit (100 / 100 / 1000 / 1000 total).
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var parameters = Enumerable.Range(0, 250).Select(i => new Param("p" + i.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture))).ToList();
        var tags = Enumerable.Range(0, 150).Select(i => new RunTag("t" + i.ToString(CultureInfo.InvariantCulture), "v")).ToList();
        var metrics = Enumerable.Range(0, 2500).Select(i => new Metric("curve", i, T0 + i, i)).ToList();

        await Store.LogBatchAsync(run.Info.RunId, metrics, parameters, tags);

        var fetched = await Store.GetRunAsync(run.Info.RunId);
        Assert.Equal(250, fetched.Data.Params.Count);
        Assert.Equal("249", fetched.Data.Params["p249"]);
        Assert.Equal(150, fetched.Data.Tags.Keys.Count(k => k.StartsWith('t')));
        Assert.Equal(2499, fetched.Data.Metrics["curve"].Value);
        Assert.Equal(2500, (await Store.GetMetricHistoryAsync(run.Info.RunId, "curve")).Count);
    }

    [Fact]
    public async Task LogBatch_ParamRelogged_SameValueAcceptedOtherValueRefused()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        await Store.LogBatchAsync(run.Info.RunId, parameters: [new Param("k", "3")]);

        await Store.LogBatchAsync(run.Info.RunId, parameters: [new Param("k", "3")]);
        var ex = await Assert.ThrowsAsync<InvalidParameterException>(() => Store.LogBatchAsync(run.Info.RunId, parameters: [new Param("k", "4")]));

        Assert.Contains("k", ex.Message, StringComparison.Ordinal);
        Assert.Equal("3", (await Store.GetRunAsync(run.Info.RunId)).Data.Params["k"]);
    }

    [Fact]
    public async Task LogBatch_ParamValueOver6000Characters_RefusedNamingTheKeyAndNothingStored()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);

        var ex = await Assert.ThrowsAsync<InvalidParameterException>(() =>
            Store.LogBatchAsync(run.Info.RunId, parameters: [new Param("long_param", new string('x', 6001))]));

        Assert.Contains("long_param", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("long_param", (await Store.GetRunAsync(run.Info.RunId)).Data.Params.Keys);
        await Store.LogBatchAsync(run.Info.RunId, parameters: [new Param("max_param", new string('x', 6000))]);
        Assert.Equal(6000, (await Store.GetRunAsync(run.Info.RunId)).Data.Params["max_param"].Length);
    }

    [Theory]
    [InlineData("bad*key")]
    [InlineData("../escape")]
    [InlineData("/absolute")]
    [InlineData("a//b")]
    [InlineData("")]
    public async Task LogBatch_InvalidMetricKey_ThrowsInvalidParameter(string key)
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);

        await Assert.ThrowsAsync<InvalidParameterException>(() => Store.LogBatchAsync(run.Info.RunId, [new Metric(key, 1, T0)]));
    }

    [Fact]
    public async Task LogBatch_KeyOf251Characters_ThrowsInvalidParameter_250Accepted()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);

        await Assert.ThrowsAsync<InvalidParameterException>(() => Store.LogBatchAsync(run.Info.RunId, tags: [new RunTag(new string('a', 251), "v")]));
        await Store.LogBatchAsync(run.Info.RunId, tags: [new RunTag(new string('a', 250), "v")]);
    }

    [Fact]
    public async Task LogBatch_FinishedRun_StillAccepted()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        await Store.UpdateRunAsync(run.Info.RunId, RunStatus.Finished, T0 + 10);

        await Store.LogBatchAsync(run.Info.RunId, [new Metric("late", 1, T0 + 20)], tags: [new RunTag("post_finish", "1")]);

        var fetched = await Store.GetRunAsync(run.Info.RunId);
        Assert.Equal(1, fetched.Data.Metrics["late"].Value);
        Assert.Equal(RunStatus.Finished, fetched.Info.Status);
    }

    [Fact]
    public async Task LogBatch_UnknownRun_ThrowsResourceNotFound()
    {
        await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            Store.LogBatchAsync(Guid.NewGuid().ToString("N"), [new Metric("m", 1, T0)]));
    }

    [Fact]
    public async Task LogInputs_TrainingDataset_GetRunShowsDatasetAndContextTag()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var dataset = new Dataset("customers", "3f2a9c1e", "local", "{\"uri\": \"file:///data/customers.parquet\"}",
            "{\"mlflow_colspec\": [{\"type\": \"double\", \"name\": \"recency\", \"required\": true}]}", "{\"num_rows\": 4372}");

        await Store.LogInputsAsync(run.Info.RunId, [new DatasetInput(dataset, new Dictionary<string, string> { ["mlflow.data.context"] = "training" })]);

        var input = Assert.Single((await Store.GetRunAsync(run.Info.RunId)).Inputs);
        Assert.Equal(dataset, input.Dataset);
        Assert.Equal("training", input.Tags["mlflow.data.context"]);
    }

    [Fact]
    public async Task LogInputs_SameDatasetTwice_RunHasOneInput()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var input = new DatasetInput(new Dataset("customers", "abcd", "local", "{}"), new Dictionary<string, string> { ["mlflow.data.context"] = "training" });

        await Store.LogInputsAsync(run.Info.RunId, [input]);
        await Store.LogInputsAsync(run.Info.RunId, [input]);

        Assert.Single((await Store.GetRunAsync(run.Info.RunId)).Inputs);
    }
}
