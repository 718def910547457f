using System.CommandLine;
using Segmentation.Core.Errors;
using Segmentation.Runner;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Reporting.Exporters;
using Spectre.Console;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>segment sweep CONFIG</c>: runs (or with <c>--dry-run</c> only plans) a sweep and logs it to MLflow.
/// Exit codes: 0 done (failed trials are logged, not fatal), 1 promote_at_end gate failed, 2 usage, config or data error,
/// 3 tracking server unreachable, 130 cancelled (Ctrl-C; the parent run is marked KILLED).
/// </summary>
public sealed class SweepCommand : Command
{
    private readonly CliContext _context;
    private readonly Func<string, string?> _environment;
    private readonly Func<SweepRunner> _createRunner;
    private readonly bool _liveProgress;

    /// <summary>Creates the verb with the process environment, the default runner, and live progress when stdout is a terminal.</summary>
    public SweepCommand(CliContext context)
        : this(
            context,
            Environment.GetEnvironmentVariable,
            null,
            ReferenceEquals(context?.Output, Console.Out) && !Console.IsOutputRedirected)
    {
    }

    /// <summary>Creates the verb with an injected environment and runner factory (tests).</summary>
    public SweepCommand(CliContext context, Func<string, string?> environment, Func<SweepRunner>? createRunner, bool liveProgress)
        : base("sweep", "Run a sweep of scalers, reductions, algorithms and k over the customer features, tracked in MLflow")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(environment);
        _context = context;
        _environment = environment;
        _createRunner = createRunner ?? (() => SweepRunner.CreateDefault(environment, context.Clock, context.WorkingDirectory, context.RestStores(), context.WriteError));
        _liveProgress = liveProgress;

        var config = new Argument<string>("CONFIG") { Description = "Sweep config, e.g. configs/kmeans.yaml" };
        var parameters = new Option<string?>("--params") { Description = "Pipeline defaults (default: params.yaml when present)", HelpName = "FILE" };
        var trackingUri = new Option<string?>("--tracking-uri") { Description = "Tracking URI (beats MLFLOW_TRACKING_URI and the config)", HelpName = "URI" };
        var experiment = new Option<string?>("--experiment") { Description = "Experiment name (beats MLFLOW_EXPERIMENT_NAME and the config)", HelpName = "NAME" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the effective config and the planned trials; run and log nothing" };
        var shard = new Option<string?>("--shard")
        {
            Description = "Run every n-th trial of the plan (shard i of n) under the shared parent run; auto = from JOB_COMPLETION_INDEX (Kubernetes Indexed Job)",
            HelpName = "i/n|auto",
        };
        var shards = new Option<int?>("--shards") { Description = "With --shard auto or --finish: the shard count (default: SEGMENTATION_SHARDS)", HelpName = "N" };
        var finish = new Option<bool>("--finish")
        {
            Description = "Run no trial: once every shard is done, close the parent FINISHED with the leaderboard, curves and report over all trials",
        };
        var json = new Option<bool>("--json") { Description = "Print a machine-readable JSON summary" };
        var maxParallel = new Option<int?>("--max-parallel") { Description = "Trials run at once (default: the number of cores)", HelpName = "N" };
        var export = new Option<string?>("--export")
        {
            Description = "After the sweep, write an experiment folder: config, dataset digest, leaderboard, best profile, README",
            HelpName = "DIR",
        };
        Arguments.Add(config);
        foreach (var option in new Option[] { parameters, trackingUri, experiment, dryRun, shard, shards, finish, json, maxParallel, export })
        {
            Options.Add(option);
        }

        SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(context, () => RunAsync(
            parse.GetValue(config)!,
            parse.GetValue(parameters),
            parse.GetValue(trackingUri),
            parse.GetValue(experiment),
            parse.GetValue(dryRun),
            parse.GetValue(shard),
            parse.GetValue(json),
            parse.GetValue(maxParallel),
            parse.GetValue(export),
            new ShardOptions(parse.GetValue(shards), parse.GetValue(finish)),
            cancellationToken), parse, cancellationToken));
    }

    private async Task<int> RunAsync(
        string config, string? parameters, string? trackingUri, string? experiment, bool dryRun, string? shardText, bool json, int? maxParallel, string? export, ShardOptions sharding, CancellationToken cancellationToken)
    {
        if (maxParallel is < 1)
        {
            throw new UsageException($"--max-parallel {maxParallel}: expected a positive number of trials");
        }

        if (export is not null && (dryRun || shardText is not null))
        {
            throw new UsageException("--export: expected a whole sweep, not --dry-run or --shard (export after the last shard with a plain re-run, which resumes)");
        }

        if (sharding.Finish && (shardText is not null || dryRun))
        {
            throw new UsageException("--finish: expected no --shard or --dry-run (it closes the whole sweep once all shards are done)");
        }

        var shard = sharding.Finish || shardText is null ? null : ShardSpec.Resolve(shardText, sharding.Shards, _environment);
        if (shardText is null && !sharding.Finish && sharding.Shards is not null)
        {
            throw new UsageException($"--shards {sharding.Shards}: only with --shard auto or --finish");
        }

        var request = new SweepRequest(
            new SweepConfigRequest(config, parameters, _context.WorkingDirectory, _environment, trackingUri, experiment),
            shard,
            maxParallel,
            export,
            sharding.Finish,
            sharding.Finish ? sharding.FinishShardCount(_environment) : 1);
        var runner = _createRunner();
        if (dryRun)
        {
            var plan = runner.DryRun(request, cancellationToken);
            await _context.Output.WriteAsync(json ? SweepJson.DryRun(plan) + "\n" : SweepText.DryRun(plan)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        SweepSummary summary;
        if (_liveProgress && !json)
        {
            summary = await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(ctx => runner.RunAsync(request, new SweepLiveProgress(ctx), cancellationToken))
                .ConfigureAwait(false);
        }
        else
        {
            // Plain lines for CI logs; with --json they go to stderr so stdout stays one JSON document.
            summary = await runner.RunAsync(request, new SweepProgressLines(json ? _context.Error : _context.Output), cancellationToken).ConfigureAwait(false);
        }

        await _context.Output.WriteAsync(json ? SweepJsonExporter.Instance.Export(summary) + "\n" : SweepTextExporter.Instance.Export(summary)).ConfigureAwait(false);
        if (export is not null && !summary.Cancelled)
        {
            await (json ? _context.Error : _context.Output).WriteLineAsync($"Experiment folder written to {export}").ConfigureAwait(false);
        }
        if (summary.AwaitingTrials > 0)
        {
            await (json ? _context.Error : _context.Output).WriteLineAsync(
                $"Shard {summary.Shard} done; {summary.AwaitingTrials} trial(s) of other shards are not, so the parent run stays RUNNING: "
                + "the last shard to end closes it, or run `segment sweep CONFIG --finish` after all shards").ConfigureAwait(false);
        }

        if (summary.Cancelled)
        {
            var parentFate = shard is { Count: > 1 } ? "the parent run is left to the other shards" : "the parent run is marked KILLED";
            await _context.Error.WriteLineAsync($"error: sweep cancelled; {parentFate}, finished trials are kept and a re-run resumes").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }

        // promote_at_end: a failing gate fails the command the way `segment promote` does.
        return summary.Promotion is { Promoted: false } ? ExitCodes.GateFailed : ExitCodes.Success;
    }
}
