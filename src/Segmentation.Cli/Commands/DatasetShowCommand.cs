using System.CommandLine;
using System.Text.Json;
using Segmentation.Data.Versioning;

namespace Segmentation.Cli.Commands;

/// <summary><c>segment data show DIGEST</c>: a stored version's manifest (digest, schema, lineage, profile) as JSON.</summary>
public sealed class DatasetShowCommand : Command
{
    private readonly Argument<string> _digest = new("digest") { Description = "Full digest or a unique prefix (at least 4 characters)" };
    private readonly Option<string?> _store = new("--store") { Description = "Dataset store folder (default: .segmentation/datasets)" };

    public DatasetShowCommand(CliContext context)
        : base("show", "Show a stored dataset version's manifest")
    {
        ArgumentNullException.ThrowIfNull(context);
        Arguments.Add(_digest);
        Options.Add(_store);
        SetAction((parse, ct) => CommandErrors.GuardAsync(context, async () =>
        {
            var store = DataCommandInputs.OpenStore(context, parse.GetValue(_store));
            var manifest = store.Get(parse.GetValue(_digest)!);
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(manifest, DatasetManifest.JsonOptions)).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"file: {store.ParquetPath(manifest.Digest)}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, parse, ct));
    }
}
