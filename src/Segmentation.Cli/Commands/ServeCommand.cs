using System.CommandLine;
using System.Globalization;
using Segmentation.Runner.Configuration;
using Segmentation.Serving.Http;
using Segmentation.Serving.Models;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>segment serve</c>: an HTTP server scoring customers with a registered model, following its alias as it moves, until
/// SIGTERM or Ctrl-C (in-flight requests finish first).
/// </summary>
public sealed class ServeCommand : Command
{
    private readonly Option<string> _model = new("--model") { Description = "The model: " + ModelReference.Forms, HelpName = "REF", Required = true };
    private readonly Option<string> _urls = new("--urls") { Description = "Listen addresses, ';'-separated", HelpName = "URLS", DefaultValueFactory = _ => ServeOptions.DefaultUrls };
    private readonly Option<TimeSpan?> _reload = new("--reload-interval")
    {
        Description = "How often an alias or stage is resolved again; a new version is loaded in the background and swapped in: 500ms, 60s, 5m, 0 = never (default 60s)",
        HelpName = "INTERVAL",
        CustomParser = ParseInterval,
    };

    private readonly Option<long> _maxBody = new("--max-body-bytes") { Description = "Largest request body (413 above)", HelpName = "BYTES", DefaultValueFactory = _ => ServeOptions.DefaultMaxBodyBytes };
    private readonly Option<int> _maxBatch = new("--max-batch") { Description = "Most customers or transaction lines per request (413 above)", HelpName = "N", DefaultValueFactory = _ => ServeOptions.DefaultMaxBatch };
    private readonly Option<string?> _trackingUri = new("--tracking-uri") { Description = "Tracking URI (default: MLFLOW_TRACKING_URI, else sqlite:///mlflow.db)", HelpName = "URI" };
    private readonly Option<string?> _cache = new("--model-cache") { Description = $"Folder of downloaded models (default: {ModelCache.EnvironmentVariable}, else {ModelCache.DefaultFolder})", HelpName = "DIR" };
    private readonly CliContext _context;
    private readonly Func<string, string?> _environment;

    /// <summary>Creates the verb reading the process environment.</summary>
    public ServeCommand(CliContext context)
        : this(context, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates the verb with an injected environment (tests).</summary>
    public ServeCommand(CliContext context, Func<string, string?> environment)
        : base("serve", $"Serve a model over HTTP: POST /v1/segments, GET /v1/model, /healthz, /readyz, /openapi.json (bearer token: {ServeOptions.TokenVariable})")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(environment);
        _context = context;
        _environment = environment;
        foreach (var option in new Option[] { _model, _urls, _reload, _maxBody, _maxBatch, _trackingUri, _cache })
        {
            Options.Add(option);
        }

        SetAction((parse, ct) => CommandErrors.GuardAsync(context, () => RunAsync(parse, ct), parse, ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var options = new ServeOptions(parse.GetValue(_urls)!, parse.GetValue(_reload), parse.GetValue(_maxBody), parse.GetValue(_maxBatch), _environment(ServeOptions.TokenVariable));
        options.Validate();
        var reference = ModelReference.Parse(parse.GetValue(_model)!, _context.WorkingDirectory);
        var cache = new ModelCache(ModelCache.ResolveRoot(parse.GetValue(_cache), _environment, _context.WorkingDirectory));
        using var backend = new TrackingStoreFactory(_environment, _context.Clock, _context.WorkingDirectory, _context.RestStores()).Open(parse.GetValue(_trackingUri));
        // Load before listening: a server that cannot load its model must fail at start, not answer 503 forever.
        // Names people chose per version (params.yaml segments.names) apply to whichever version the alias points at.
        var names = SegmentsConfig.FromParams(_context.WorkingDirectory).Overrides;
        var model = await ModelLoader.LoadAsync(backend, reference, cache, names, cancellationToken).ConfigureAwait(false);
        var holder = new ModelHolder(model, _context.Clock);
        var follows = ModelReloader.Follows(reference) && options.EffectiveReloadInterval > TimeSpan.Zero;
        var reloader = follows ? new ModelReloader(backend, reference, cache, holder, options.EffectiveReloadInterval, names) : null;
        await using var server = SegmentServer.Create(options, holder, reference, reloader, _context.Error);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        var version = model.ModelVersion.Length > 0 ? " version " + model.ModelVersion : string.Empty;
        await _context.Output.WriteLineAsync($"serving {model.ModelName}{version} (run {model.RunId}) on {string.Join(", ", server.Addresses)}"
            + (follows ? string.Create(CultureInfo.InvariantCulture, $"; following '{reference.Text}' every {options.EffectiveReloadInterval.TotalSeconds:0.###} s") : string.Empty)
            + (options.BearerToken is null ? string.Empty : "; bearer token required on /v1")).ConfigureAwait(false);
        await _context.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    // A parse error, not an exception: System.CommandLine reports it with the usage hint like any other bad value.
    private static TimeSpan? ParseInterval(System.CommandLine.Parsing.ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        try
        {
            return ServeOptions.ParseInterval(result.Tokens[0].Value, "option --reload-interval");
        }
        catch (Core.Errors.UsageException ex)
        {
            result.AddError(ex.Message);
            return null;
        }
    }
}
