using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Segmentation.Tracking.Tests.Rest.Emulator;

/// <summary>What the emulator answers: status, content type and body bytes.</summary>
public sealed record EmulatorResponse(int Status, string ContentType, byte[] Body)
{
    /// <summary>A 200 JSON answer.</summary>
    public static EmulatorResponse Json(JsonObject body) => new(200, "application/json", JsonSerializer.SerializeToUtf8Bytes(body));

    /// <summary>MLflow's JSON error.</summary>
    public static EmulatorResponse Error(int status, string code, string message) =>
        new(status, "application/json", JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["error_code"] = code, ["message"] = message }));

    /// <summary>Flask's HTML 500 for an unhandled exception (fixture 60).</summary>
    public static EmulatorResponse ServerErrorPage() => new(500, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(
        "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n"));

    /// <summary>Flask's HTML 404 for an unknown URL (fixture 73).</summary>
    public static EmulatorResponse NotFoundPage() => new(404, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(
        "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n"));
}
