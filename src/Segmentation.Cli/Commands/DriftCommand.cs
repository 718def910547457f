using System.CommandLine;
using Segmentation.Data.Configuration;
using Segmentation.Data.Versioning;
using Segmentation.Monitoring.Configuration;
using Segmentation.Monitoring.Drift;
using Segmentation.Monitoring.Reporting;
using Segmentation.Serving.Models;
using Segmentation.Tracking;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>segment drift</c>: compares a new batch of transactions with the model's training dataset (PSI, KS, segment shares,
/// model decay), logs it to <c>&lt;model name&gt;-monitoring</c>, and exits 1 when the status reaches <c>--fail-on</c>.
/// </summary>
public sealed class DriftCommand : Command
{
    private readonly Option<string> _model = new("--model") { Description = "The model: " + ModelReference.Forms, HelpName = "REF", Required = true };
    private readonly Option<string> _input = new("--input") { Description = "New transactions (.csv, .csv.gz, .xlsx, .parquet) or a customer table", HelpName = "FILE", Required = true };
    private readonly Option<string> _referenceDate = new("--reference-date")
    {
        Description = "Reference date for recency and tenure: auto (the day after the batch's last transaction) or YYYY-MM-DD",
        HelpName = "auto|YYYY-MM-DD",
        DefaultValueFactory = _ => "auto",
    };

    private readonly Option<string> _failOn = new("--fail-on") { Description = "Exit 1 when the overall status reaches this (never: always exit 0)", HelpName = "warn|alert|never", DefaultValueFactory = _ => "alert" };
    private readonly Option<bool> _json = new("--json") { Description = "Print the report as JSON" };
    private readonly Option<string?> _out = new("--out") { Description = "Also write drift_report/index.html and drift.json into this folder", HelpName = "DIR" };
    private readonly Option<string?> _params = new("--params") { Description = "Parameters file with the monitoring: thresholds (default: params.yaml in the working directory, if present)", HelpName = "FILE" };
    private readonly Option<string?> _trackingUri = new("--tracking-uri") { Description = "Tracking URI (default: MLFLOW_TRACKING_URI, else sqlite:///mlflow.db)", HelpName = "URI" };
    private readonly Option<string?> _cache = new("--model-cache") { Description = $"Folder of downloaded models (default: {ModelCache.EnvironmentVariable}, else {ModelCache.DefaultFolder})", HelpName = "DIR" };
    private readonly Option<string?> _store = new("--dataset-store") { Description = $"Dataset store holding the training version (default: {DatasetStore.EnvironmentVariable}, else {DatasetStore.DefaultRelativeRoot})", HelpName = "DIR" };
    private readonly CliContext _context;
    private readonly Func<string, string?> _environment;
    private readonly Func<string?, ITrackingBackend> _openBackend;

    /// <summary>Creates the verb reading the process environment.</summary>
    public DriftCommand(CliContext context)
        : this(context, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates the verb with an injected environment (tests) and, optionally, backend opener.</summary>
    public DriftCommand(CliContext context, Func<string, string?> environment, Func<string?, ITrackingBackend>? openBackend = null)
        : base("drift", "Compare new transactions with the model's training data: PSI, KS, segment shares and model decay, logged to <model>-monitoring")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(environment);
        _context = context;
        _environment = environment;
        _openBackend = openBackend ?? context.TrackingBackends(environment);
        _failOn.AcceptOnlyFromAmong([.. DriftStatusNames.All.Skip(1), "never"]);
        foreach (var option in new Option[] { _model, _input, _referenceDate, _failOn, _json, _out, _params, _trackingUri, _cache, _store })
        {
            Options.Add(option);
        }

        SetAction((parse, ct) => CommandErrors.GuardAsync(context, () => RunAsync(parse, ct), parse, ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var thresholds = MonitoringConfig.From(ParamsFile.Load(_context.WorkingDirectory, parse.GetValue(_params)));
        var request = new DriftRequest(
            parse.GetValue(_model)!, parse.GetValue(_input)!, PredictCommand.ParseDate(parse.GetValue(_referenceDate)!), thresholds, parse.GetValue(_out));
        var cache = new ModelCache(ModelCache.ResolveRoot(parse.GetValue(_cache), _environment, _context.WorkingDirectory));
        var store = new DatasetStore(DatasetStore.ResolveRoot(parse.GetValue(_store), _environment, _context.WorkingDirectory), _context.Clock);
        using var backend = _openBackend(parse.GetValue(_trackingUri));
        var outcome = await new DriftJob(backend, cache, store, _context.Clock, _context.WorkingDirectory).RunAsync(request, cancellationToken).ConfigureAwait(false);
        var report = outcome.Report;
        if (parse.GetValue(_json))
        {
            await _context.Output.WriteLineAsync(DriftJsonExporter.Instance.Export(report)).ConfigureAwait(false);
        }
        else
        {
            await _context.Output.WriteAsync(DriftText.Instance.Export(report)).ConfigureAwait(false);
            await _context.Output.WriteLineAsync($"run:        {report.RunId} (experiment {report.ExperimentName})").ConfigureAwait(false);
            foreach (var file in outcome.Files)
            {
                await _context.Output.WriteLineAsync($"written:    {file}").ConfigureAwait(false);
            }
        }

        var failOn = parse.GetValue(_failOn)!;
        var failed = failOn != "never" && report.Status >= (DriftStatus)DriftStatusNames.All.ToList().IndexOf(failOn);
        return failed ? ExitCodes.GateFailed : ExitCodes.Success;
    }
}
