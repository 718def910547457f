using System.CommandLine;
using System.Globalization;
using Segmentation.Tracking;
using Segmentation.Tracking.Artifacts;
using Segmentation.Tracking.Runs;

namespace Segmentation.Cli.Commands;

/// <summary><c>segment runs show RUN_ID</c>: a run's info, params, metrics, tags, dataset inputs and artifacts.</summary>
public sealed class RunsShowCommand : Command
{
    private const int MaxArtifactDepth = 4;

    private readonly CliContext _context;
    private readonly Func<string?, ITrackingBackend> _open;

    /// <summary>Creates the verb.</summary>
    public RunsShowCommand(CliContext context, Func<string?, ITrackingBackend> open)
        : base("show", "Show one run: info, params, metrics, tags, inputs and artifacts")
    {
        _context = context;
        _open = open;
        var runId = new Argument<string>("RUN_ID") { Description = "The run id (32 hex characters)" };
        var trackingUri = RunsCommand.TrackingUriOption();
        Arguments.Add(runId);
        Options.Add(trackingUri);
        SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(_context, () =>
            RunAsync(parse.GetValue(runId)!, parse.GetValue(trackingUri), cancellationToken), parse, cancellationToken));
    }

    private async Task<int> RunAsync(string runId, string? trackingUri, CancellationToken cancellationToken)
    {
        using var backend = _open(trackingUri);
        var run = await backend.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        var artifacts = new List<ArtifactFile>();
        await CollectArtifactsAsync(backend, runId, null, 0, artifacts, cancellationToken).ConfigureAwait(false);
        var o = _context.Output;
        var info = run.Info;
        await o.WriteLineAsync($"Run {info.RunId}").ConfigureAwait(false);
        await WriteSectionAsync(null, [
            ["name", info.RunName],
            ["experiment", info.ExperimentId],
            ["status", RunStatusNames.ToMlflow(info.Status)],
            ["start", RunsTable.FormatTime(info.StartTimeMs)],
            ["end", RunsTable.FormatTime(info.EndTimeMs)],
            ["user", info.UserId.Length == 0 ? "-" : info.UserId],
            ["artifacts", info.ArtifactUri],
        ]).ConfigureAwait(false);
        await WriteSectionAsync("Params", run.Data.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new[] { p.Key, p.Value }).ToList()).ConfigureAwait(false);
        await WriteSectionAsync("Metrics", run.Data.Metrics.Values.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => new[] { m.Key, RunsTable.FormatNumber(m.Value), string.Create(CultureInfo.InvariantCulture, $"step {m.Step}") }).ToList()).ConfigureAwait(false);
        await WriteSectionAsync("Tags", run.Data.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new[] { t.Key, OneLine(t.Value) }).ToList()).ConfigureAwait(false);
        await WriteSectionAsync("Inputs", run.Inputs.Select(i => new[]
        {
            i.Dataset.Name,
            "digest " + i.Dataset.Digest,
            i.Dataset.SourceType,
            string.Join(", ", i.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")),
        }).ToList()).ConfigureAwait(false);
        await WriteSectionAsync("Artifacts", artifacts.Select(a => new[]
        {
            a.IsDirectory ? a.Path + "/" : a.Path,
            a.FileSize is { } size ? size.ToString(CultureInfo.InvariantCulture) + " B" : string.Empty,
        }).ToList()).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private async Task WriteSectionAsync(string? title, IReadOnlyList<string[]> rows)
    {
        if (title is not null)
        {
            await _context.Output.WriteLineAsync().ConfigureAwait(false);
            await _context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{title} ({rows.Count})")).ConfigureAwait(false);
        }

        if (rows.Count == 0)
        {
            return;
        }

        var widths = Enumerable.Range(0, rows.Max(r => r.Length)).Select(i => rows.Max(r => i < r.Length ? r[i].Length : 0)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]));
            await _context.Output.WriteLineAsync(("  " + string.Join("  ", cells)).TrimEnd()).ConfigureAwait(false);
        }
    }

    private static async Task CollectArtifactsAsync(ITrackingBackend backend, string runId, string? path, int depth, List<ArtifactFile> into, CancellationToken cancellationToken)
    {
        foreach (var entry in await backend.ListArtifactsAsync(runId, path, cancellationToken).ConfigureAwait(false))
        {
            into.Add(entry);
            if (entry.IsDirectory && depth < MaxArtifactDepth)
            {
                await CollectArtifactsAsync(backend, runId, entry.Path, depth + 1, into, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string OneLine(string value)
    {
        var line = value.ReplaceLineEndings(" ");
        return line.Length <= 100 ? line : line[..99] + "…";
    }
}
