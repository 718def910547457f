using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Tracking.Tests.Rest.Replay;

namespace Segmentation.Tracking.Tests.Rest.Emulator;

/// <summary>
/// The emulator must answer like MLflow 2.17.2: every recorded request, replayed in order against a fresh emulator
/// (recorded ids swapped for the ones the emulator issued), gets the recorded status, error code and response shape.
/// </summary>
public sealed class MlflowEmulatorContractTests
{
    private static readonly HashSet<string> IdFields = new(StringComparer.Ordinal) { "experiment_id", "run_id", "run_uuid", "next_page_token" };

    [Fact]
    public async Task HandleAsync_EveryRecordedRequestInOrder_AnswersWithRecordedStatusCodeAndShape()
    {
        using var emulator = new MlflowEmulator();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var fixtures = ContractFixture.LoadAll();

        foreach (var fixture in fixtures)
        {
            var (pathAndQuery, body) = Rewrite(fixture, ids);
            var contentType = fixture.HasRequestContentType ? fixture.RequestContentType : fixture.Method == "GET" ? null : "application/json";
            var response = await emulator.HandleAsync(fixture.Method, pathAndQuery, contentType, body);

            if (response.Status != fixture.Status)
            {
                problems.Add($"{fixture.Name}: status {response.Status}, recorded {fixture.Status}: {Encoding.UTF8.GetString(response.Body)}");
                continue;
            }

            if (!fixture.ResponseIsJson)
            {
                var recordedType = fixture.ResponseContentType!.Split(';')[0];
                if (!response.ContentType.StartsWith(recordedType, StringComparison.Ordinal))
                {
                    problems.Add($"{fixture.Name}: content type {response.ContentType}, recorded {fixture.ResponseContentType}");
                }

                if (fixture.Status == 200 && Encoding.UTF8.GetString(response.Body) != Substitute(fixture.Response.GetString()!, ids))
                {
                    problems.Add($"{fixture.Name}: downloaded bytes differ from the recording");
                }

                continue;
            }

            using var document = JsonDocument.Parse(response.Body);
            var actual = document.RootElement;
            if (fixture.Response.TryGetProperty("error_code", out var code) && actual.GetProperty("error_code").GetString() != code.GetString())
            {
                problems.Add($"{fixture.Name}: error_code {actual.GetProperty("error_code")}, recorded {code}");
            }

            problems.AddRange(JsonShape.ShapeDifferences(fixture.Response, actual).Select(d => $"{fixture.Name}: {d}"));
            LearnIds(fixture.Response, actual, ids);
        }

        Assert.Equal(73, fixtures.Count);
        Assert.True(problems.Count == 0, "emulator differs from MLflow 2.17.2:\n" + string.Join('\n', problems));
    }

    private static (string PathAndQuery, byte[] Body) Rewrite(ContractFixture fixture, Dictionary<string, string> ids)
    {
        var path = string.Join('/', fixture.Path.Split('/').Select(segment => ids.GetValueOrDefault(segment, segment)));
        if (fixture.Method == "GET")
        {
            var query = new List<string>();
            if (fixture.Request.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in fixture.Request.EnumerateObject())
                {
                    var values = p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().ToArray() : [p.Value];
                    query.AddRange(values.Select(v => p.Name + "=" + Uri.EscapeDataString(Substitute(v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText(), ids))));
                }
            }

            return (Escape(path) + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty), []);
        }

        if (fixture.Request.ValueKind == JsonValueKind.String)
        {
            // Artifact bytes or a deliberately malformed body: sent verbatim (ids inside substituted).
            return (Escape(path), Encoding.UTF8.GetBytes(Substitute(fixture.Request.GetString()!, ids)));
        }

        var node = JsonNode.Parse(fixture.Request.GetRawText())!;
        return (Escape(path), Encoding.UTF8.GetBytes(Substitute(node.ToJsonString(), ids)));
    }

    private static string Escape(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string Substitute(string text, Dictionary<string, string> ids)
    {
        // Run ids are 32 hex characters and page tokens are base64, so replacing them inside larger strings is safe.
        foreach (var (recorded, actual) in ids.Where(p => p.Key.Length >= 8))
        {
            text = text.Replace(recorded, actual, StringComparison.Ordinal);
        }

        return text;
    }

    private static void LearnIds(JsonElement recorded, JsonElement actual, Dictionary<string, string> ids)
    {
        if (recorded.ValueKind == JsonValueKind.Object && actual.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in recorded.EnumerateObject())
            {
                if (!actual.TryGetProperty(p.Name, out var a))
                {
                    continue;
                }

                if (IdFields.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.String && a.ValueKind == JsonValueKind.String)
                {
                    ids[p.Value.GetString()!] = a.GetString()!;
                }
                else
                {
                    LearnIds(p.Value, a, ids);
                }
            }
        }
        else if (recorded.ValueKind == JsonValueKind.Array && actual.ValueKind == JsonValueKind.Array)
        {
            foreach (var (r, a) in recorded.EnumerateArray().Zip(actual.EnumerateArray()))
            {
                LearnIds(r, a, ids);
            }
        }
    }
}
