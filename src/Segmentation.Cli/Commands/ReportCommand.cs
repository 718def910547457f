using System.CommandLine;
using Segmentation.Data.Versioning;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Reporting.Html;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;

namespace Segmentation.Cli.Commands;

/// <summary><c>segment report (--run RUN_ID | --experiment NAME) --out DIR</c>: writes a past sweep's HTML report and its SVG figures.</summary>
public sealed class ReportCommand : Command
{
    private readonly CliContext _context;
    private readonly Func<string, string?> _environment;
    private readonly Func<string?, ITrackingBackend> _open;

    /// <summary>Creates the verb reading the process environment.</summary>
    public ReportCommand(CliContext context)
        : this(context, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates the verb with an injected environment (tests) and, optionally, backend opener.</summary>
    public ReportCommand(CliContext context, Func<string, string?> environment, Func<string?, ITrackingBackend>? openBackend = null)
        : base("report", "Write a sweep's self-contained HTML report (report/index.html) and its figures (plots/*.svg)")
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _open = openBackend ?? (uri => new TrackingStoreFactory(environment, context.Clock, context.WorkingDirectory, context.RestStores()).Open(uri));
        var run = new Option<string?>("--run") { Description = "The sweep's parent run id", HelpName = "RUN_ID" };
        var experiment = new Option<string?>("--experiment") { Description = "Report the latest sweep of this experiment", HelpName = "NAME" };
        var output = new Option<string>("--out") { Description = "Folder to write report/index.html and plots/*.svg into", HelpName = "DIR", Required = true };
        var trackingUri = RunsCommand.TrackingUriOption();
        Options.Add(run);
        Options.Add(experiment);
        Options.Add(output);
        Options.Add(trackingUri);
        Validators.Add(result =>
        {
            if ((result.GetValue(run) is null) == (result.GetValue(experiment) is null))
            {
                result.AddError("give exactly one of --run RUN_ID or --experiment NAME");
            }
        });
        SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(_context, () =>
            RunAsync(parse.GetValue(run), parse.GetValue(experiment), parse.GetValue(output)!, parse.GetValue(trackingUri), cancellationToken), parse, cancellationToken));
    }

    private async Task<int> RunAsync(string? runId, string? experiment, string output, string? trackingUri, CancellationToken cancellationToken)
    {
        using var backend = _open(trackingUri);
        var datasets = new DatasetStore(DatasetStore.ResolveRoot(null, _environment, _context.WorkingDirectory), _context.Clock);
        var report = await PastSweepReport.BuildAsync(backend, datasets, experiment, runId, SegmentsConfig.FromParams(_context.WorkingDirectory).Overrides, cancellationToken).ConfigureAwait(false);
        var page = HtmlReportArtifacts.Write(Path.GetFullPath(output, _context.WorkingDirectory), report);
        await _context.Output.WriteLineAsync($"Report of sweep {report.Summary.ParentRunId}: {page}").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
