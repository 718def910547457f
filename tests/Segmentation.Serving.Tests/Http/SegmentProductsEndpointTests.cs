using System.Globalization;
using System.Net;
using System.Text.Json;
using Segmentation.Data.Products;
using Segmentation.Serving.Http;
using Segmentation.Serving.Tests.Fixtures;

namespace Segmentation.Serving.Tests.Http;

/// <summary><c>GET /v1/segments/{id}/products</c> and the products in <c>GET /v1/model</c>, over real HTTP.</summary>
public sealed class SegmentProductsEndpointTests(TrainedModelsFixture models) : IClassFixture<TrainedModelsFixture>
{
    [Fact]
    public async Task Products_EverySegment_AnswersTheModelFolderRowsByRankWithExactLift()
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1");
        var expected = SegmentProductLift.Compute(models.Built.Products!, models.Training.CustomerIds, [.. model.Fit.Labels], 10, 20);

        foreach (var segment in expected.Select(r => r.Segment).Distinct())
        {
            var response = await server.Client.GetAsync($"/v1/segments/{segment}/products");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await ServerHarness.JsonAsync(response);
            Assert.Equal(segment, body.GetProperty("segment").GetInt32());
            Assert.Equal("1", body.GetProperty("model").GetProperty("version").GetString());
            Assert.Equal(
                expected.Where(r => r.Segment == segment).Select(Expected),
                body.GetProperty("products").EnumerateArray().Select(Actual));
        }
    }

    [Theory]
    [InlineData("99")]
    [InlineData("first")]
    public async Task Products_UnknownSegment_Answers404ProblemNamingTheSegments(string id)
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1");

        var response = await server.Client.GetAsync($"/v1/segments/{id}/products");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ServeJson.ProblemContentType, response.Content.Headers.ContentType?.MediaType);
        var detail = (await ServerHarness.JsonAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains($"no segment '{id}'", detail, StringComparison.Ordinal);
        Assert.Contains("its segments: 0, 1, 2, 3", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Products_ModelWithoutProductsFile_Answers404SayingSo()
    {
        var model = await models.GetAsync("kmeans", withTrainingParams: false);
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1");

        var response = await server.Client.GetAsync("/v1/segments/0/products");
        var modelBody = await ServerHarness.JsonAsync(await server.Client.GetAsync("/v1/model"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("has no segment_products.csv", (await ServerHarness.JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.All(modelBody.GetProperty("segments").EnumerateArray(), s => Assert.Equal(JsonValueKind.Null, s.GetProperty("top_products").ValueKind));
    }

    [Fact]
    public async Task Model_WithProducts_ListsTheFirstFiveOfEachSegment()
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1");
        var expected = SegmentProductLift.Compute(models.Built.Products!, models.Training.CustomerIds, [.. model.Fit.Labels], 10, 20);

        var body = await ServerHarness.JsonAsync(await server.Client.GetAsync("/v1/model"));

        foreach (var segment in body.GetProperty("segments").EnumerateArray())
        {
            var id = segment.GetProperty("segment").GetInt32();
            Assert.Equal(
                expected.Where(r => r.Segment == id).Take(ServeJson.ModelTopProducts).Select(Expected),
                segment.GetProperty("top_products").EnumerateArray().Select(Actual));
        }
    }

    [Fact]
    public async Task OpenApi_ProductsRoute_IsDescribedWithItsSchemas()
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1");

        var body = await ServerHarness.JsonAsync(await server.Client.GetAsync("/openapi.json"));

        var operation = body.GetProperty("paths").GetProperty("/v1/segments/{id}/products").GetProperty("get");
        Assert.Equal("getSegmentProducts", operation.GetProperty("operationId").GetString());
        Assert.True(operation.GetProperty("responses").TryGetProperty("404", out _));
        Assert.True(body.GetProperty("components").GetProperty("schemas").TryGetProperty("SegmentProducts", out _));
    }

    private static string Expected(SegmentProduct r) => string.Join('|',
        r.Rank.ToString(CultureInfo.InvariantCulture), r.StockCode, r.Description, r.Lift,
        r.SegmentCustomersWithProduct.ToString(CultureInfo.InvariantCulture), r.SegmentCustomers.ToString(CultureInfo.InvariantCulture),
        r.AllCustomersWithProduct.ToString(CultureInfo.InvariantCulture), r.AllCustomers.ToString(CultureInfo.InvariantCulture));

    // The lift's raw JSON text: the exact digits of the file, not a double's rendering.
    private static string Actual(JsonElement p) => string.Join('|',
        p.GetProperty("rank").GetInt32().ToString(CultureInfo.InvariantCulture), p.GetProperty("stock_code").GetString(),
        p.GetProperty("description").GetString(), p.GetProperty("lift").GetRawText(),
        p.GetProperty("segment_customers_with_product").GetInt64().ToString(CultureInfo.InvariantCulture),
        p.GetProperty("segment_customers").GetInt64().ToString(CultureInfo.InvariantCulture),
        p.GetProperty("all_customers_with_product").GetInt64().ToString(CultureInfo.InvariantCulture),
        p.GetProperty("all_customers").GetInt64().ToString(CultureInfo.InvariantCulture));
}
