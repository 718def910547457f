using System.Net;
using System.Net.Http.Headers;
using Segmentation.Serving.Tests.Fixtures;

namespace Segmentation.Serving.Tests.Http;

/// <summary>Stopping the server (what SIGTERM does) lets a request already in flight finish with its answer.</summary>
public sealed class ShutdownTests(TrainedModelsFixture models) : IClassFixture<TrainedModelsFixture>
{
    [Fact]
    public async Task Stop_RequestInFlight_FinishesWith200()
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1");
        var body = new SlowContent(RequestBodies.Customers(models, Enumerable.Range(0, 50)));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var started = new RequestStarted(server.Client.BaseAddress!);
        var post = server.Client.PostAsync("/v1/segments", body);
        await body.FirstHalfSent.WaitAsync(TimeSpan.FromSeconds(30));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = server.StopAsync();
        await Task.Delay(300);
        Assert.False(stopping.IsCompleted, "the server stopped without waiting for the request in flight");
        body.Release();
        var response = await post;
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(50, (await ServerHarness.JsonAsync(response)).GetProperty("segments").GetArrayLength());
    }
}
