using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Segmentation.Data.Features;
using Segmentation.Serving.Http;
using Segmentation.Serving.Scoring;
using Segmentation.Serving.Tests.Fixtures;

namespace Segmentation.Serving.Tests.Http;

/// <summary><c>POST /v1/segments</c> over real HTTP: same answers as the predict path, in request order, and each bad input named.</summary>
public sealed class SegmentsEndpointTests(TrainedModelsFixture models) : IClassFixture<TrainedModelsFixture>
{
    [Theory]
    [InlineData("kmeans")]
    [InlineData("gmm")]
    public async Task Score_TrainingRowsInReverse_EqualsPredictorInRequestOrder(string algorithm)
    {
        var model = await models.GetAsync(algorithm);
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1");
        var rows = Enumerable.Range(0, 300).Reverse().ToArray();

        var response = await server.PostAsync(RequestBodies.Customers(models, rows));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ServerHarness.JsonAsync(response);
        var expected = Predictor.Score(server.Holder.Current.Model, Batch(rows), TimeProvider.System);
        var segments = body.GetProperty("segments").EnumerateArray().ToArray();
        Assert.Equal(rows.Length, segments.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(models.Training.CustomerIds[rows[i]], segments[i].GetProperty("customer_id").GetInt64());
            Assert.Equal(expected.Scores.Segments[i], segments[i].GetProperty("segment").GetInt32());
            Assert.Equal(expected.Scores.Scores[i], segments[i].GetProperty("score").GetDouble());
            Assert.Equal(expected.SegmentName(i), segments[i].GetProperty("segment_name").GetString());
        }

        Assert.Equal(model.Name, body.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal("1", body.GetProperty("model").GetProperty("version").GetString());
        Assert.Equal(model.RunId, body.GetProperty("model").GetProperty("run_id").GetString());
    }

    [Fact]
    public async Task Score_StringCustomerIds_EchoesThemAsStrings()
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1");

        var body = await ServerHarness.JsonAsync(await server.PostAsync(RequestBodies.Customers(models, [5, 1], idsAsText: true)));

        var first = body.GetProperty("segments")[0].GetProperty("customer_id");
        Assert.Equal(JsonValueKind.String, first.ValueKind);
        Assert.Equal(models.Training.CustomerIds[5].ToString(CultureInfo.InvariantCulture), first.GetString());
    }

    [Fact]
    public async Task Score_RawTransactions_EqualsPredictOnTheSameLines()
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1");
        using var temp = new TempDirectory();
        var lines = ReadShippedLines(2000);
        var file = Path.Combine(temp.Path, "lines.csv");
        File.WriteAllLines(file, lines);
        var expected = Predictor.Predict(server.Holder.Current.Model, file, null, temp.Path, TimeProvider.System, CancellationToken.None);

        var response = await server.PostAsync(TransactionsBody(lines));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var segments = (await ServerHarness.JsonAsync(response)).GetProperty("segments").EnumerateArray().ToArray();
        var byId = Enumerable.Range(0, expected.Count).ToDictionary(r => expected.Customers.CustomerIds[r], r => expected.Scores.Segments[r]);
        Assert.Equal(expected.Count, segments.Length);
        Assert.All(segments, s => Assert.Equal(byId[s.GetProperty("customer_id").GetInt64()], s.GetProperty("segment").GetInt32()));
        // Request order: customers in the order of their first line.
        var firstSeen = lines.Skip(1).Select(l => l.Split(',')[^2]).Where(id => id.Length > 0).Select(id => long.Parse(id, CultureInfo.InvariantCulture))
            .Distinct().Where(byId.ContainsKey).ToArray();
        Assert.Equal(firstSeen, segments.Select(s => s.GetProperty("customer_id").GetInt64()).ToArray());
    }

    [Theory]
    [InlineData("{\"customers\":[{\"customer_id\":1,\"recency_days\":3,\"monetary\":1,\"tenure_days\":9}]}", "customers[0].frequency")]
    [InlineData("{\"customers\":[{\"customer_id\":\"12347\",\"recency_days\":3,\"frequency\":null,\"monetary\":4310.5,\"tenure_days\":365}]}", "customers[0].frequency")]
    [InlineData("{\"customers\":[{\"customer_id\":\"12347\",\"recency_days\":3,\"frequency\":\"NaN\",\"monetary\":4310.5,\"tenure_days\":365}]}", "customers[0].frequency")]
    [InlineData("{\"customers\":[{\"customer_id\":\"12347\",\"recency_days\":3,\"frequency\":7,\"monetary\":4310.5,\"tenure_days\":365,\"shoe_size\":9}]}", "customers[0].shoe_size")]
    [InlineData("{\"customers\":[{\"recency_days\":3,\"frequency\":7,\"monetary\":4310.5,\"tenure_days\":365}]}", "customers[0].customer_id")]
    [InlineData("{\"customers\":[{\"customer_id\":\"x1\",\"recency_days\":3,\"frequency\":7,\"monetary\":4310.5,\"tenure_days\":365}]}", "customers[0].customer_id")]
    [InlineData("{\"customers\":[]}", "customers")]
    [InlineData("{\"customers\":{}}", "customers")]
    [InlineData("{\"rows\":[]}", "rows")]
    [InlineData("{}", "customers")]
    [InlineData("{\"transactions\":[]}", "transactions")]
    [InlineData("{\"customers\":[{\"customer_id\":1,\"recency_days\":3,\"frequency\":7,\"monetary\":1e999,\"tenure_days\":9}]}", "customers[0].monetary")]
    public async Task Score_BadInput_Returns400ProblemNamingTheField(string json, string field)
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1");

        var response = await server.PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ServeJson.ProblemContentType, response.Content.Headers.ContentType?.MediaType);
        var problem = await ServerHarness.JsonAsync(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_NaNLiteral_Returns400ProblemSayingNaNIsNotJson()
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1");

        var response = await server.PostAsync(RequestBodies.OneCustomer(frequency: "NaN"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NaN", (await ServerHarness.JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_BodyOverLimit_Returns413Problem()
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1", new ServeOptions(MaxBodyBytes: 4096));

        var response = await server.PostAsync(RequestBodies.Customers(models, Enumerable.Range(0, 100)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (await ServerHarness.JsonAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Score_MoreCustomersThanBatchLimit_Returns413ProblemNamingCustomers()
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1", new ServeOptions(MaxBatch: 5));

        var response = await server.PostAsync(RequestBodies.Customers(models, Enumerable.Range(0, 6)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("customers", (await ServerHarness.JsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Score_Request_LogsNoCustomerData()
    {
        var model = await models.GetAsync("kmeans");
        await using var server = await ServerHarness.StartAsync(models, $"models:/{model.Name}/1");

        await server.PostAsync(RequestBodies.OneCustomer());
        await server.DisposeAsync();

        var log = server.Log.ToString();
        Assert.Contains("POST /v1/segments 200 customers=1", log, StringComparison.Ordinal);
        Assert.DoesNotContain("12347", log, StringComparison.Ordinal);
    }

    private CustomerBatch Batch(int[] rows)
    {
        var features = TrainedModelsFixture.Features;
        var columns = features.Select((_, j) => rows.Select(r => models.Training.Features[r, j]).ToArray()).ToArray();
        var monetary = Array.IndexOf(features, FeatureCatalog.Monetary);
        var table = new CustomerFeatureTable([.. rows.Select(r => models.Training.CustomerIds[r])], features, columns, [.. columns[monetary].Select(m => (decimal)m)]);
        return new CustomerBatch("test", true, table, [], null, 0, 0);
    }

    private static string[] ReadShippedLines(int count)
    {
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(RepositoryPaths.ShippedDataset), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var lines = new List<string>();
        while (lines.Count <= count && reader.ReadLine() is { } line)
        {
            // The first lines have no quoted fields; skip any that do so the naive split below stays right.
            if (!line.Contains('"', StringComparison.Ordinal))
            {
                lines.Add(line);
            }
        }

        return [.. lines];
    }

    private static string TransactionsBody(string[] lines)
    {
        var header = lines[0].Split(',');
        var text = new StringBuilder("{\"transactions\":[");
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            text.Append(i == 1 ? "{" : ",{");
            for (var j = 0; j < header.Length; j++)
            {
                text.Append(j == 0 ? string.Empty : ",").Append(JsonSerializer.Serialize(header[j])).Append(':').Append(JsonSerializer.Serialize(fields[j]));
            }

            text.Append('}');
        }

        return text.Append("]}").ToString();
    }
}
