using System.CommandLine;
using System.Globalization;
using System.Text;

namespace Segmentation.Cli.Commands;

/// <summary><c>segment data list</c>: the stored dataset versions, newest first.</summary>
public sealed class DatasetListCommand : Command
{
    private readonly Option<string?> _store = new("--store") { Description = "Dataset store folder (default: .segmentation/datasets)" };

    public DatasetListCommand(CliContext context)
        : base("list", "List stored dataset versions")
    {
        ArgumentNullException.ThrowIfNull(context);
        Options.Add(_store);
        SetAction((parse, ct) => CommandErrors.GuardAsync(context, async () =>
        {
            var store = DataCommandInputs.OpenStore(context, parse.GetValue(_store));
            var versions = store.List();
            if (versions.Count == 0)
            {
                await context.Output.WriteLineAsync($"no dataset versions in {store.Root} (run 'segment data ingest')").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"{"DIGEST",-12}  {"CREATED (UTC)",-19}  {"ROWS",8}  {"COLS",4}  NAME");
            foreach (var m in versions)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{m.ShortDigest,-12}  {m.CreatedUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss}  {m.RowCount,8}  {m.Schema.Count,4}  {m.Name}");
            }

            await context.Output.WriteAsync(text.ToString()).ConfigureAwait(false);
            return ExitCodes.Success;
        }, parse, ct));
    }
}
