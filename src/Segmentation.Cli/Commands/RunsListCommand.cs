using System.CommandLine;
using System.Globalization;
using Segmentation.Core.Errors;
using Segmentation.Tracking;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Runs;

namespace Segmentation.Cli.Commands;

/// <summary><c>segment runs list</c>: a comparison table of an experiment's runs (id, name, status, then params and metrics).</summary>
public sealed class RunsListCommand : Command
{
    /// <summary>The experiment listed when neither <c>--experiment</c> nor MLFLOW_EXPERIMENT_NAME is given.</summary>
    public const string DefaultExperiment = "Default";

    private readonly CliContext _context;
    private readonly Func<string, string?> _environment;
    private readonly Func<string?, ITrackingBackend> _open;

    /// <summary>Creates the verb.</summary>
    public RunsListCommand(CliContext context, Func<string, string?> environment, Func<string?, ITrackingBackend> open)
        : base("list", "Compare the runs of an experiment: params and metrics as columns")
    {
        _context = context;
        _environment = environment;
        _open = open;
        var experiment = new Option<string?>("--experiment") { Description = "Experiment name (default: MLFLOW_EXPERIMENT_NAME, else Default)", HelpName = "NAME" };
        var filter = new Option<string?>("--filter") { Description = "MLflow search filter, e.g. \"metrics.silhouette > 0.3 AND params.algorithm = 'kmeans'\"", HelpName = "FILTER" };
        var orderBy = new Option<string[]>("--order-by") { Description = "Order, e.g. \"metrics.silhouette DESC\" (repeatable; default start_time DESC)", HelpName = "ORDER" };
        var max = new Option<int?>("--max-results") { Description = "Show at most this many runs", HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "Print the runs as JSON instead of a table" };
        var trackingUri = RunsCommand.TrackingUriOption();
        foreach (var option in new Option[] { experiment, filter, orderBy, max, json, trackingUri })
        {
            Options.Add(option);
        }

        SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(_context, () => RunAsync(
            parse.GetValue(experiment), parse.GetValue(filter), parse.GetValue(orderBy), parse.GetValue(max), parse.GetValue(json), parse.GetValue(trackingUri), cancellationToken), parse, cancellationToken));
    }

    private async Task<int> RunAsync(string? experimentName, string? filter, string[]? orderBy, int? maxResults, bool json, string? trackingUri, CancellationToken cancellationToken)
    {
        if (maxResults is <= 0)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--max-results must be a positive number, got {maxResults}"));
        }

        var name = experimentName ?? _environment("MLFLOW_EXPERIMENT_NAME") ?? DefaultExperiment;
        using var backend = _open(trackingUri);
        var experiment = await backend.GetExperimentByNameAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new ResourceNotFoundException($"experiment '{name}' does not exist in {backend.DisplayUri}");
        var runs = await backend.SearchRunsAsync(new RunSearchRequest([experiment.ExperimentId], filter, orderBy, maxResults), cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await _context.Output.WriteLineAsync(RunsJson.Serialize(runs)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        if (runs.Count == 0)
        {
            await _context.Output.WriteLineAsync($"No runs in experiment '{name}'{(filter is null ? string.Empty : " match the filter")}.").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var paramKeys = runs.SelectMany(r => r.Data.Params.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var metricKeys = runs.SelectMany(r => r.Data.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var header = new List<string> { "run", "name", "status" };
        header.AddRange(paramKeys);
        header.AddRange(metricKeys);
        var rows = runs.Select(run =>
        {
            var row = new List<string> { run.Info.RunId[..Math.Min(8, run.Info.RunId.Length)], run.Info.RunName, RunStatusNames.ToMlflow(run.Info.Status) };
            row.AddRange(paramKeys.Select(k => run.Data.Params.GetValueOrDefault(k, "-")));
            row.AddRange(metricKeys.Select(k => run.Data.Metrics.TryGetValue(k, out var m) ? RunsTable.FormatNumber(m.Value) : "-"));
            return (IReadOnlyList<string>)row;
        }).ToList();
        await _context.Output.WriteAsync(RunsTable.Render(header, rows, rightAligned: 3 + paramKeys.Count)).ConfigureAwait(false);
        await _context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{runs.Count} run(s) in experiment '{name}' ({backend.DisplayUri})")).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
