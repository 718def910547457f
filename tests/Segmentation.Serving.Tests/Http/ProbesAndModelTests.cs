using System.Net;
using Segmentation.Serving.Http;
using Segmentation.Serving.Tests.Fixtures;

namespace Segmentation.Serving.Tests.Http;

/// <summary>The probes, <c>GET /v1/model</c>, the OpenAPI document and bearer auth, over real HTTP.</summary>
public sealed class ProbesAndModelTests(TrainedModelsFixture models) : IClassFixture<TrainedModelsFixture>
{
    [Fact]
    public async Task Probes_LoadedModel_HealthOkAndReady()
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1");

        var health = await server.Client.GetAsync("/healthz");
        var ready = await server.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", (await ServerHarness.JsonAsync(health)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ServerHarness.JsonAsync(ready);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("1", body.GetProperty("model").GetProperty("version").GetString());
        Assert.False(body.GetProperty("follows_alias").GetBoolean());
    }

    [Fact]
    public async Task ModelAndSegments_NameOverrideForTheServedVersion_NamesTheSegmentEverywhere()
    {
        var model = await models.GetAsync("kmeans");
        var names = new Tracking.Models.SegmentNameOverrides(new Dictionary<string, IReadOnlyDictionary<int, string>>
        {
            [model.Name + "/1"] = new Dictionary<int, string> { [2] = "VIP" },
        });
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1", names: names);

        var body = await ServerHarness.JsonAsync(await server.Client.GetAsync("/v1/model"));
        var segments = body.GetProperty("segments").EnumerateArray().ToDictionary(s => s.GetProperty("segment").GetInt32(), s => s.GetProperty("segment_name").GetString());
        var member = models.Training.Features.RowReadOnly(Array.IndexOf([.. model.Fit.Labels], 2)).ToArray();
        var customer = string.Join(", ", TrainedModelsFixture.Features.Select((f, j) => $"\"{f}\": {member[j].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));
        var scored = await ServerHarness.JsonAsync(await server.PostAsync($$"""{"customers": [{"customer_id": "1", {{customer}}}]}"""));

        Assert.Equal("VIP", segments[2]);
        Assert.Equal("segment-1", segments[1]);
        Assert.Equal(2, scored.GetProperty("segments")[0].GetProperty("segment").GetInt32());
        Assert.Equal("VIP", scored.GetProperty("segments")[0].GetProperty("segment_name").GetString());
    }

    [Fact]
    public async Task Model_RegisteredVersion_ListsFeaturesInOrderAndEverySegment()
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1");

        var body = await ServerHarness.JsonAsync(await server.Client.GetAsync("/v1/model"));

        Assert.Equal(model.Name, body.GetProperty("name").GetString());
        Assert.Equal(model.RunId, body.GetProperty("run_id").GetString());
        Assert.Equal(TrainedModelsFixture.Features, body.GetProperty("features").EnumerateArray().Select(f => f.GetString()!).ToArray());
        var segments = body.GetProperty("segments").EnumerateArray().ToArray();
        Assert.Equal(4, segments.Length);
        Assert.Equal(models.Training.Features.Rows, segments.Sum(s => s.GetProperty("size").GetInt64()));
        Assert.All(segments, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("segment_name").GetString())));
        Assert.All(segments, s => Assert.True(s.TryGetProperty("features", out _)));
    }

    [Fact]
    public async Task OpenApi_Document_IsOpenApi31AndDescribesEveryRoute()
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1");

        var body = await ServerHarness.JsonAsync(await server.Client.GetAsync("/openapi.json"));

        Assert.Equal("3.1.0", body.GetProperty("openapi").GetString());
        var paths = body.GetProperty("paths");
        foreach (var (path, method) in new[] { ("/v1/segments", "post"), ("/v1/model", "get"), ("/v1/segments/{id}/products", "get"), ("/healthz", "get"), ("/readyz", "get"), ("/openapi.json", "get") })
        {
            Assert.True(paths.GetProperty(path).TryGetProperty(method, out _), $"{method} {path}");
        }

        Assert.Equal(6, paths.EnumerateObject().Count());
        var schemas = body.GetProperty("components").GetProperty("schemas");
        foreach (var reference in paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).SelectMany(o => Refs(o.Value)))
        {
            Assert.True(schemas.TryGetProperty(reference["#/components/schemas/".Length..], out _), reference);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Auth_TokenConfiguredAndMissingOrWrong_Returns401(string? token)
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1", new ServeOptions(BearerToken: "s3cret"));
        if (token is not null)
        {
            server.Authorize(token);
        }

        var score = await server.PostAsync(RequestBodies.OneCustomer());
        var info = await server.Client.GetAsync("/v1/model");
        var health = await server.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.Unauthorized, score.StatusCode);
        Assert.Equal("Bearer", score.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, info.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Auth_RightToken_Returns200()
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1", new ServeOptions(BearerToken: "s3cret"));
        server.Authorize("s3cret");

        var score = await server.PostAsync(RequestBodies.OneCustomer());

        Assert.Equal(HttpStatusCode.OK, score.StatusCode);
    }

    [Theory]
    [InlineData("60s", 60)]
    [InlineData("500ms", 0.5)]
    [InlineData("5m", 300)]
    [InlineData("0", 0)]
    public void ParseInterval_ValidText_ReturnsSeconds(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ServeOptions.ParseInterval(text, "--reload-interval"));

    [Fact]
    public void ParseInterval_NoUnit_ThrowsUsageNamingTheOption() =>
        Assert.Contains("--reload-interval", Assert.Throws<Core.Errors.UsageException>(() => ServeOptions.ParseInterval("60", "--reload-interval")).Message, StringComparison.Ordinal);

    private static IEnumerable<string> Refs(System.Text.Json.JsonElement element)
    {
        switch (element.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.NameEquals("$ref"))
                    {
                        yield return p.Value.GetString()!;
                    }

                    foreach (var r in Refs(p.Value))
                    {
                        yield return r;
                    }
                }

                break;
            case System.Text.Json.JsonValueKind.Array:
                foreach (var r in element.EnumerateArray().SelectMany(Refs))
                {
                    yield return r;
                }

                break;
        }
    }
}
