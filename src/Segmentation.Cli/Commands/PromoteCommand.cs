using System.CommandLine;
using Segmentation.Runner.Promotion;
using Segmentation.Runner.Selection;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Rest;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>segment promote</c>: selects the best trial of a sweep and promotes its model only when it passes the gate.
/// Exit codes: 0 promoted, 1 gate failed (registry untouched), 2 usage or data error, 3 tracking server unreachable.
/// </summary>
public sealed class PromoteCommand : Command
{
    private readonly CliContext _context;
    private readonly Func<string, string?> _environment;
    private readonly Func<string?, ITrackingBackend> _openBackend;

    /// <summary>Creates the verb reading the process environment and opening the configured tracking backend.</summary>
    public PromoteCommand(CliContext context)
        : this(context, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates the verb with an injected environment (tests) and, optionally, backend opener.</summary>
    public PromoteCommand(CliContext context, Func<string, string?> environment, Func<string?, ITrackingBackend>? openBackend = null)
        : base("promote", "Promote the best trial of a sweep to a registry stage or alias, if it passes the quality gate")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(environment);
        _context = context;
        _environment = environment;
        // The REST backend is passed explicitly so promote reaches a server whether or not the factory's own seam is wired.
        _openBackend = openBackend
            ?? (uri => new TrackingStoreFactory(environment, context.Clock, context.WorkingDirectory, RestTrackingStore.Create).Open(uri));

        var config = Text("--config", "Sweep config to take the experiment, objective, constraints, gate and registry target from; flags override it", "CONFIG");
        var experiment = Text("--experiment", "MLflow experiment the sweep logged to (required without --config)", "NAME");
        var parent = Text("--parent", "Parent run id of the sweep; default: the latest sweep in the experiment", "RUN_ID");
        var metric = Text("--metric", "Objective and gate metric (default silhouette)", "METRIC");
        var direction = Text("--direction", "maximize or minimize (default: the metric's natural direction)", "DIRECTION");
        var min = Text("--min", "Gate: lowest acceptable metric value", "X");
        var max = Text("--max", "Gate: highest acceptable metric value", "X");
        var stage = Text("--stage", "Transition the version to this stage (Staging, Production), archiving the previous one", "STAGE");
        var alias = Text("--alias", "Move this alias to the version (default champion when no --stage)", "ALIAS");
        var modelName = Text("--model-name", "Registered model name (default: the experiment name)", "NAME");
        var trackingUri = Text("--tracking-uri", "Tracking URI (default: MLFLOW_TRACKING_URI, else sqlite:///mlflow.db)", "URI");
        var minK = Text("--min-k", "Constraint: fewest clusters", "N");
        var maxK = Text("--max-k", "Constraint: most clusters", "N");
        var minClusterFraction = Text("--min-cluster-fraction", "Constraint: smallest cluster's share of customers", "F");
        var maxClusterFraction = Text("--max-cluster-fraction", "Constraint: largest cluster's share of customers", "F");
        var maxNoiseFraction = Text("--max-noise-fraction", "Constraint: largest share of noise points", "F");
        var top = Text("--top", "Leaderboard rows to show (default 10)", "N");
        var json = new Option<bool>("--json") { Description = "Print a machine-readable JSON summary instead of the Markdown report" };
        foreach (var option in new Option[] { config, experiment, parent, metric, direction, min, max, stage, alias, modelName, trackingUri, minK, maxK, minClusterFraction, maxClusterFraction, maxNoiseFraction, top, json })
        {
            Options.Add(option);
        }

        SetAction((parse, cancellationToken) => RunAsync(
            new PromoteArguments(
                parse.GetValue(config),
                parse.GetValue(experiment),
                parse.GetValue(parent),
                parse.GetValue(metric),
                parse.GetValue(direction),
                parse.GetValue(min),
                parse.GetValue(max),
                parse.GetValue(stage),
                parse.GetValue(alias),
                parse.GetValue(modelName),
                parse.GetValue(trackingUri),
                parse.GetValue(minK),
                parse.GetValue(maxK),
                parse.GetValue(minClusterFraction),
                parse.GetValue(maxClusterFraction),
                parse.GetValue(maxNoiseFraction),
                parse.GetValue(top),
                parse.GetValue(json)),
            cancellationToken));
    }

    /// <summary>Validates the arguments, decides, reports and returns the exit code.</summary>
    public async Task<int> RunAsync(PromoteArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var github = new PromoteGitHub(_environment);
        try
        {
            var options = PromoteOptions.From(arguments, _context.WorkingDirectory, _environment);
            PromotionResult result;
            using (var backend = _openBackend(options.TrackingUri))
            {
                result = await new PromotionService(backend, backend, _context.Clock)
                    .PromoteAsync(options.Request, cancellationToken).ConfigureAwait(false);
            }

            var markdown = PromotionReport.Markdown(result, options.Top);
            await _context.Output.WriteAsync(options.Json ? PromoteJson.Write(result, options.Top) + "\n" : markdown).ConfigureAwait(false);
            await github.AppendSummaryAsync(markdown, _context.Error, cancellationToken).ConfigureAwait(false);
            if (result.Promoted)
            {
                return ExitCodes.Success;
            }

            await github.AnnotateErrorAsync(options.Json ? _context.Error : _context.Output, "Promotion gate failed", PromotionReport.Explanation(result))
                .ConfigureAwait(false);
            return ExitCodes.GateFailed;
        }
        catch (Exception ex) when (ExitCodeFor(ex) is int code)
        {
            var message = code == ExitCodes.TrackingUnreachable ? "tracking server unreachable: " + ex.Message : ex.Message;
            await _context.Error.WriteLineAsync("error: " + message).ConfigureAwait(false);
            await github.AnnotateErrorAsync(_context.Error, "Promotion failed", message).ConfigureAwait(false);
            await github.AppendSummaryAsync($"## Promotion gate: error\n\n{message}\n", _context.Error, cancellationToken).ConfigureAwait(false);
            return code;
        }
    }

    /// <summary>The exit code of an expected failure of this verb, or null for a bug (which should surface).</summary>
    public static int? ExitCodeFor(Exception exception) => exception switch
    {
        TrackingUnreachableException => ExitCodes.TrackingUnreachable,
        SelectionException or PromotionException => ExitCodes.UsageOrDataError,
        MlflowException => ExitCodes.UsageOrDataError,
        TimeoutException => ExitCodes.UsageOrDataError,
        _ => CommandErrors.ExitCodeFor(exception),
    };

    private static Option<string> Text(string name, string description, string helpName) =>
        new(name) { Description = description, HelpName = helpName };
}
