using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.Tests.Rest.Replay;

/// <summary>The replay server itself must notice a request that differs from the recording, or the replay tests prove nothing.</summary>
public sealed class FixtureReplayServerTests
{
    [Fact]
    public async Task AssertAllMatched_BodyDiffersFromRecording_ReportsTheField()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("15"));
        using var store = server.CreateStore();

        await store.LogBatchAsync("005b61da885c4f2aa72a7efab8b20909", parameters: [new Param("k", "4")]);

        var failure = Assert.ThrowsAny<Exception>(server.AssertAllMatched);
        Assert.Contains("$.params[0].value", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssertAllMatched_WrongQueryAndMissingRequest_ReportsBoth()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("03"), ReplayStep.Of("05"));
        using var client = server.CreateClient();

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetJsonAsync("/api/2.0/mlflow/experiments/get-by-name", [new("experiment_name", "other")], CancellationToken.None));

        var failure = Assert.ThrowsAny<Exception>(server.AssertAllMatched);
        Assert.Contains("query 'experiment_name'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("05-experiments-get: expected request never arrived", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssertAllMatched_JsonSentAsTextPlain_ReportsContentType()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("65"));
        using var http = new HttpClient();

        using var content = new StringContent("""{"name": "ct-test-charset"}""", System.Text.Encoding.UTF8, "text/plain");
        using var response = await http.PostAsync(new Uri(server.BaseUri, "/api/2.0/mlflow/experiments/create"), content);

        var failure = Assert.ThrowsAny<Exception>(server.AssertAllMatched);
        Assert.Contains("MLflow requires application/json", failure.Message, StringComparison.Ordinal);
    }
}
