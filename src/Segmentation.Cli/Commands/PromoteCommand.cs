using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Promotion;
using Segmentation.Runner.Promotion.Exporters;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Registry;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>segment promote</c>: selects the best trial of a sweep and promotes its model only when it passes the gate.
/// Exit codes: 0 promoted, 1 gate failed (registry untouched), 2 usage or data error (registry untouched), 3 tracking server
/// unreachable, 130 cancelled.
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
        _openBackend = openBackend
            ?? context.TrackingBackends(environment);

        var config = Text("--config", "Sweep config to take the experiment, objective, constraints, gate and registry target from; flags override it", "CONFIG");
        var experiment = Text("--experiment", "MLflow experiment the sweep logged to (required without --config)", "NAME");
        var parent = Text("--parent", "Parent run id of the sweep; default: the latest sweep in the experiment", "RUN_ID");
        var metric = Text("--metric", "Objective and gate metric (default silhouette)", "METRIC");
        metric.AcceptOnlyFromAmong([.. MetricNames.Scores]);
        var direction = Text("--direction", "maximize or minimize (default: the metric's natural direction)", "DIRECTION");
        direction.AcceptOnlyFromAmong("maximize", "minimize");
        var min = Number("--min", "Gate: lowest acceptable metric value", "X", double.NegativeInfinity, double.PositiveInfinity);
        var max = Number("--max", "Gate: highest acceptable metric value", "X", double.NegativeInfinity, double.PositiveInfinity);
        var stage = Text("--stage", "Transition the version to this stage (Staging, Production), archiving the previous one", "STAGE");
        // A validator rather than AcceptOnlyFromAmong: stages match case-insensitively, as MLflow matches them (one rule, ModelStages).
        stage.Validators.Add(result => Check(result, "--stage", ModelStages.ValidatePromotionTarget));
        stage.CompletionSources.Add([.. ModelStages.PromotionTargets]);
        var alias = Text("--alias", "Move this alias to the version (default champion when no --stage)", "ALIAS");
        alias.Validators.Add(result => Check(result, "--alias", ModelAliases.Validate));
        var modelName = Text("--model-name", "Registered model name (default: the experiment name)", "NAME");
        var trackingUri = Text("--tracking-uri", "Tracking URI (default: MLFLOW_TRACKING_URI, else sqlite:///mlflow.db)", "URI");
        var minK = Integer("--min-k", "Constraint: fewest clusters", 1, 10_000);
        var maxK = Integer("--max-k", "Constraint: most clusters", 1, 10_000);
        var minClusterFraction = Number("--min-cluster-fraction", "Constraint: smallest cluster's share of customers", "F", 0, 1);
        var maxClusterFraction = Number("--max-cluster-fraction", "Constraint: largest cluster's share of customers", "F", 0, 1);
        var maxNoiseFraction = Number("--max-noise-fraction", "Constraint: largest share of noise points", "F", 0, 1);
        var top = new Option<int>("--top")
        {
            Description = "Leaderboard rows to show",
            HelpName = "N",
            DefaultValueFactory = _ => PromotionMarkdownExporter.DefaultTop,
            CustomParser = result => ParseInteger(result, "--top", 1, 1000) ?? PromotionMarkdownExporter.DefaultTop,
        };
        var json = new Option<bool>("--json") { Description = "Print a machine-readable JSON summary instead of the Markdown report" };
        foreach (var option in new Option[] { config, experiment, parent, metric, direction, min, max, stage, alias, modelName, trackingUri, minK, maxK, minClusterFraction, maxClusterFraction, maxNoiseFraction, top, json })
        {
            Options.Add(option);
        }

        Validators.Add(result =>
        {
            if (result.GetResult(stage) is { Implicit: false } && result.GetResult(alias) is { Implicit: false })
            {
                result.AddError("options --stage and --alias exclude each other: promote to a stage or move an alias, not both");
            }

            // From the tokens: a value that failed its own parser has its error already, and GetValue would throw.
            if (Given(result.GetResult(min)) is { } low && Given(result.GetResult(max)) is { } high && low > high)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"option --max: {high} is below --min {low}"));
            }
        });

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
            CommandErrors.IsVerbose(parse),
            cancellationToken));
    }

    /// <summary>Merges the arguments with the config, decides, reports and returns the exit code.</summary>
    public async Task<int> RunAsync(PromoteArguments arguments, bool verbose, CancellationToken cancellationToken)
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

            var markdown = new PromotionMarkdownExporter(options.Top).Export(result);
            await _context.Output.WriteAsync(options.Json ? new PromotionJsonExporter(options.Top).Export(result) + "\n" : markdown).ConfigureAwait(false);
            await github.AppendSummaryAsync(markdown, _context.Error, cancellationToken).ConfigureAwait(false);
            if (result.Promoted)
            {
                return ExitCodes.Success;
            }

            await github.AnnotateErrorAsync(options.Json ? _context.Error : _context.Output, "Promotion gate failed", PromotionText.Explanation(result))
                .ConfigureAwait(false);
            return ExitCodes.GateFailed;
        }
        catch (Exception ex)
        {
            // Exit code and message come from CommandErrors like every verb's; the job summary and annotation say the same.
            var code = await CommandErrors.ReportAsync(_context.Error, ex, verbose, cancellationToken).ConfigureAwait(false);
            var message = CommandErrors.Describe(ex, code);
            message = message.StartsWith("error: ", StringComparison.Ordinal) ? message["error: ".Length..] : message;
            await github.AnnotateErrorAsync(_context.Error, "Promotion failed", message).ConfigureAwait(false);
            await github.AppendSummaryAsync($"## Promotion gate: error\n\n{message}\n", _context.Error, CancellationToken.None).ConfigureAwait(false);
            return code;
        }
    }

    private static Option<string> Text(string name, string description, string helpName) =>
        new(name) { Description = description, HelpName = helpName };

    private static Option<double?> Number(string name, string description, string helpName, double min, double max) =>
        new(name) { Description = description, HelpName = helpName, CustomParser = result => ParseNumber(result, name, min, max) };

    private static Option<int?> Integer(string name, string description, int min, int max) =>
        new(name) { Description = description, HelpName = "N", CustomParser = result => ParseInteger(result, name, min, max) };

    private static double? ParseNumber(ArgumentResult result, string option, double min, double max)
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            result.AddError($"option {option}: '{text}' is not a number; expected e.g. 0.35");
            return null;
        }

        if (value < min || value > max)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"option {option}: {value} is outside [{min}, {max}]"));
            return null;
        }

        return value;
    }

    private static int? ParseInteger(ArgumentResult result, string option, int min, int max)
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"option {option}: '{text}' is not a whole number in [{min}, {max}]"));
            return null;
        }

        return value;
    }

    private static double? Given(OptionResult? result) =>
        result is { Tokens.Count: > 0 } && double.TryParse(result.Tokens[^1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static void Check(OptionResult result, string option, Func<string?, string?> rule)
    {
        if (result.GetValueOrDefault<string?>() is { } value && rule(value) is { } problem)
        {
            result.AddError($"option {option}: {problem}");
        }
    }
}
