using System.CommandLine;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;

namespace Segmentation.Cli.Commands;

/// <summary><c>segment runs</c>: inspect tracked runs (<c>list</c>, <c>show</c>) and close orphans (<c>gc</c>) in the local store or on an MLflow server.</summary>
public sealed class RunsCommand : Command
{
    /// <summary>Creates the verb group reading the process environment.</summary>
    public RunsCommand(CliContext context)
        : this(context, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates the verb group with an injected environment (tests) and, optionally, backend opener.</summary>
    public RunsCommand(CliContext context, Func<string, string?> environment, Func<string?, ITrackingBackend>? openBackend = null)
        : base("runs", "List and inspect tracked runs")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(environment);
        var open = openBackend ?? context.TrackingBackends(environment);
        Subcommands.Add(new RunsListCommand(context, environment, open));
        Subcommands.Add(new RunsShowCommand(context, open));
        Subcommands.Add(new RunsGcCommand(context, environment, open));
    }

    /// <summary>The shared <c>--tracking-uri</c> option.</summary>
    internal static Option<string?> TrackingUriOption() => new("--tracking-uri")
    {
        Description = "Tracking URI (default: MLFLOW_TRACKING_URI, else sqlite:///mlflow.db)",
        HelpName = "URI",
    };
}
