using System.Text.Json;

namespace Segmentation.Tracking.Tests.Rest.Replay;

/// <summary>One recorded MLflow exchange from Fixtures/mlflow-contract (2.17.2) or its v3/ (3.11); see their READMEs for the format.</summary>
public sealed record ContractFixture(
    string Name,
    string Method,
    string Path,
    JsonElement Request,
    int Status,
    JsonElement Response,
    bool ResponseIsJson,
    string? ResponseContentType,
    bool HasRequestContentType,
    string? RequestContentType)
{
    /// <summary>Folder the 2.17.2 fixtures are copied to next to the test assembly.</summary>
    public static string Directory => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "mlflow-contract");

    /// <summary>Loads the 2.17.2 fixture whose file name starts with <paramref name="number"/> (e.g. "06").</summary>
    public static ContractFixture Load(string number) => Load(Directory, number);

    /// <summary>Loads the fixture of the recording in <paramref name="directory"/> whose file name starts with <paramref name="number"/>.</summary>
    public static ContractFixture Load(string directory, string number)
    {
        var matches = System.IO.Directory.GetFiles(directory, number + "-*.json");
        if (matches.Length != 1)
        {
            throw new InvalidOperationException($"expected exactly one fixture '{number}-*.json' in {directory}, found {matches.Length}");
        }

        return Parse(matches[0]);
    }

    /// <summary>Every 2.17.2 fixture, in file-number order.</summary>
    public static IReadOnlyList<ContractFixture> LoadAll() =>
        System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal).Select(Parse).ToArray();

    /// <summary>The response body bytes as the server sent them (JSON re-serialised, text as UTF-8).</summary>
    public byte[] ResponseBytes() => ResponseIsJson
        ? JsonSerializer.SerializeToUtf8Bytes(Response)
        : System.Text.Encoding.UTF8.GetBytes(Response.GetString() ?? string.Empty);

    private static ContractFixture Parse(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        var root = document.RootElement.Clone();
        var hasRequestContentType = root.TryGetProperty("request_content_type", out var rct);
        return new ContractFixture(
            System.IO.Path.GetFileNameWithoutExtension(file),
            root.GetProperty("method").GetString()!,
            root.GetProperty("path").GetString()!,
            root.GetProperty("request"),
            root.GetProperty("status").GetInt32(),
            root.GetProperty("response"),
            !root.TryGetProperty("response_is_json", out var isJson) || isJson.GetBoolean(),
            root.TryGetProperty("response_content_type", out var ct) ? ct.GetString() : null,
            hasRequestContentType,
            hasRequestContentType && rct.ValueKind == JsonValueKind.String ? rct.GetString() : null);
    }
}
