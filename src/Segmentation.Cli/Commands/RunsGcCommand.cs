using System.CommandLine;
using System.Globalization;
using Segmentation.Core.Errors;
using Segmentation.Runner.Claims;
using Segmentation.Tracking;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Tags;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>segment runs gc --experiment NAME</c>: closes the experiment's orphans — RUNNING trial and parent runs whose process is
/// gone (heartbeat silent past the timeout) — trials FAILED, parents KILLED, each with the reason; what a resume does for its sweep.
/// </summary>
public sealed class RunsGcCommand : Command
{
    private readonly CliContext _context;
    private readonly Func<string, string?> _environment;
    private readonly Func<string?, ITrackingBackend> _open;

    /// <summary>Creates the verb.</summary>
    public RunsGcCommand(CliContext context, Func<string, string?> environment, Func<string?, ITrackingBackend> open)
        : base("gc", "Close orphaned runs: RUNNING trials and sweeps whose process stopped its heartbeat")
    {
        _context = context;
        _environment = environment;
        _open = open;
        var experiment = new Option<string?>("--experiment") { Description = "Experiment name (default: MLFLOW_EXPERIMENT_NAME)", HelpName = "NAME" };
        var timeout = new Option<double?>("--timeout")
        {
            Description = $"Seconds of heartbeat silence that make a run an orphan (default: {ClaimSettings.TimeoutVariable}, else 300)",
            HelpName = "SECONDS",
        };
        var trackingUri = RunsCommand.TrackingUriOption();
        foreach (var option in new Option[] { experiment, timeout, trackingUri })
        {
            Options.Add(option);
        }

        SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(_context, () => RunAsync(
            parse.GetValue(experiment), parse.GetValue(timeout), parse.GetValue(trackingUri), cancellationToken), parse, cancellationToken));
    }

    private async Task<int> RunAsync(string? experimentName, double? timeoutSeconds, string? trackingUri, CancellationToken cancellationToken)
    {
        if (timeoutSeconds is { } t && !(t > 0 && double.IsFinite(t)))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--timeout {t}: expected a positive number of seconds"));
        }

        var name = experimentName ?? _environment("MLFLOW_EXPERIMENT_NAME")
            ?? throw new UsageException("runs gc: expected --experiment NAME (or MLFLOW_EXPERIMENT_NAME)");
        var settings = ClaimSettings.FromEnvironment(_environment);
        if (timeoutSeconds is { } seconds)
        {
            settings = settings with { StaleAfter = TimeSpan.FromSeconds(seconds) };
        }

        using var backend = _open(trackingUri);
        var experiment = await backend.GetExperimentByNameAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new ResourceNotFoundException($"experiment '{name}' does not exist in {backend.DisplayUri}");
        var closed = await OrphanCollector.CollectAsync(backend, experiment.ExperimentId, null, settings, _context.Clock, cancellationToken).ConfigureAwait(false);
        foreach (var run in closed)
        {
            var kind = run.Data.Tags.GetValueOrDefault(SegmentationTags.RunKind) == SegmentationTags.RunKindTrial ? "FAILED" : "KILLED";
            var silent = (_context.Clock.GetUtcNow().ToUnixTimeMilliseconds() - ClaimRuns.HeartbeatMs(run)) / 1000.0;
            await _context.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"{run.Info.RunId[..Math.Min(8, run.Info.RunId.Length)]}  {run.Info.RunName}  -> {kind} (no heartbeat for {silent:0} s)")).ConfigureAwait(false);
        }

        await _context.Output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{closed.Count} orphaned run(s) closed in experiment '{name}' ({backend.DisplayUri}); timeout {settings.StaleAfter.TotalSeconds:0.###} s")).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
