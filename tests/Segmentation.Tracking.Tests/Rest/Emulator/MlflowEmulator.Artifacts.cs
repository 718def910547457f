using System.Text.Json.Nodes;
using Segmentation.Tracking.Artifacts;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Tests.Rest.Emulator;

/// <summary>The <c>mlflow-artifacts</c> proxy (PUT, list, GET) over the store's artifact folder, and the run-based listing.</summary>
public sealed partial class MlflowEmulator
{
    private const string ArtifactProxy = "/api/2.0/mlflow-artifacts/artifacts";

    /// <summary>Rewrites the store's local file URIs under its artifact root as the <c>mlflow-artifacts:/</c> URIs a --serve-artifacts server hands out.</summary>
    public string ToProxyUri(string uri)
    {
        if (!uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return uri;
        }

        var relative = Path.GetRelativePath(Store.ArtifactRootDirectory, new Uri(uri).LocalPath).Replace('\\', '/');
        return relative.StartsWith("..", StringComparison.Ordinal) ? uri : "mlflow-artifacts:/" + relative;
    }

    private void MapArtifacts()
    {
        Map("GET", ArtifactProxy, r =>
        {
            var relative = r.Get("path") ?? string.Empty;
            var directory = ResolveArtifact(relative);
            var json = new JsonObject();
            if (Directory.Exists(directory))
            {
                var entries = new DirectoryInfo(directory).EnumerateFileSystemInfos()
                    .OrderBy(e => e.Name, StringComparer.Ordinal)
                    .Select(e => (JsonNode?)MlflowEmulatorJson.ArtifactFile(
                        e is FileInfo file ? new ArtifactFile(e.Name, false, file.Length) : new ArtifactFile(e.Name, true, null), e.Name))
                    .ToArray();
                MlflowEmulatorJson.AddList(json, "files", new JsonArray(entries));
            }

            return Task.FromResult(EmulatorResponse.Json(json));
        });
        Map("GET", "artifacts/list", async r =>
        {
            var runId = RunId(r);
            var run = await Store.GetRunAsync(runId);
            var files = await Store.ListArtifactsAsync(runId, r.Get("path"));
            var json = new JsonObject { ["root_uri"] = ToProxyUri(run.Info.ArtifactUri) };
            MlflowEmulatorJson.AddList(json, "files", new JsonArray(files.Select(f => (JsonNode?)MlflowEmulatorJson.ArtifactFile(f, f.Path)).ToArray()));
            return EmulatorResponse.Json(json);
        });
    }

    private async Task<EmulatorResponse> UploadAsync(string relative, byte[] body)
    {
        var target = ResolveArtifact(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllBytesAsync(target, body);
        return EmptyJson();
    }

    private EmulatorResponse Download(string relative)
    {
        var source = ResolveArtifact(relative);
        if (!File.Exists(source) && IsMlflow3)
        {
            // MLflow 3 reports a missing artifact as 404 (v3 fixture 37).
            return EmulatorResponse.Error(404, ErrorCodes.ResourceDoesNotExist, $"No such artifact: '{relative}'");
        }

        if (!File.Exists(source))
        {
            // MLflow 2.17 reports a missing artifact as 500 INTERNAL_ERROR, not 404 (fixture 37).
            return EmulatorResponse.Error(500, ErrorCodes.InternalError,
                $"The following failures occurred while downloading one or more artifacts from <artifact-root>:\n##### File {relative} #####\n[Errno 2] No such file or directory: '<artifact-root>/{relative}'");
        }

        var contentType = Path.GetExtension(source) is ".json" ? "application/json" : Path.GetExtension(source) is ".bin" or ".onnx" or ".parquet" ? "application/octet-stream" : "text/plain";
        return new EmulatorResponse(200, contentType, File.ReadAllBytes(source));
    }

    private string ResolveArtifact(string relative)
    {
        var root = Path.GetFullPath(Store.ArtifactRootDirectory);
        var full = Path.GetFullPath(Path.Combine(root, relative.TrimStart('/')));
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            throw new InvalidParameterException($"Invalid path: {relative}");
        }

        return full;
    }

}
