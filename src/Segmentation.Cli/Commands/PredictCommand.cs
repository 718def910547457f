using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Core.Errors;
using Segmentation.Runner.Configuration;
using Segmentation.Serving.Models;
using Segmentation.Serving.Scoring;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>segment predict</c>: scores raw transactions (or a customer table) with a registered model through its whole training
/// pipeline, into a CSV/Parquet file, a SQLite or PostgreSQL table, or standard output.
/// </summary>
public sealed class PredictCommand : Command
{
    /// <summary>The <c>--reference-date</c> value that rebuilds features at the model's own training reference date.</summary>
    public const string TrainingReferenceDate = "training";

    /// <summary>How many unscored customers the text summary lists (all are in the JSON summary).</summary>
    public const int UnscoredShown = 20;

    private readonly Option<string> _model = new("--model") { Description = "The model: " + ModelReference.Forms, HelpName = "REF", Required = true };
    private readonly Option<string> _input = new("--input") { Description = "Transactions (.csv, .csv.gz, .xlsx, .parquet) or a customer table (customer_id plus the model's features)", HelpName = "FILE", Required = true };
    // Text, checked by a validator: System.CommandLine cannot bind a custom parser's null to DateOnly? ("auto" threw a cast error).
    private readonly Option<string> _referenceDate = new("--reference-date")
    {
        Description = "Reference date for recency and tenure: auto (the day after the batch's last transaction), training (the date the model's training features were built at) or YYYY-MM-DD",
        HelpName = "auto|training|YYYY-MM-DD",
        DefaultValueFactory = _ => "auto",
    };

    private readonly Option<string?> _out = new("--out") { Description = "Write the scores to this .csv or .parquet file (default: CSV on standard output, unless --to)", HelpName = "FILE" };
    private readonly Option<string?> _to = new("--to") { Description = "Also write the customer_segments and segment_profiles tables: sqlite:///segments.db or postgresql://user:password@host:port/db", HelpName = "URI" };
    private readonly Option<bool> _withFeatures = new("--with-features") { Description = "Add the customer features to the file output, or a segment_products table beside the others with --to" };
    private readonly Option<bool> _withProducts = new("--with-products") { Description = "Add each customer's segment's top products by lift (stock codes, ';'-separated; from the model's segment_products.csv) to the file output, or a segment_products table beside the others with --to" };
    private readonly Option<bool> _json = new("--json") { Description = "Print a machine-readable JSON summary (with every unscored customer)" };
    private readonly Option<string?> _trackingUri = new("--tracking-uri") { Description = "Tracking URI (default: MLFLOW_TRACKING_URI, else sqlite:///mlflow.db)", HelpName = "URI" };
    private readonly Option<string?> _cache = new("--model-cache") { Description = $"Folder of downloaded models (default: {ModelCache.EnvironmentVariable}, else {ModelCache.DefaultFolder})", HelpName = "DIR" };
    private readonly CliContext _context;
    private readonly Func<string, string?> _environment;
    private readonly Func<string?, ITrackingBackend> _openBackend;

    /// <summary>Creates the verb reading the process environment.</summary>
    public PredictCommand(CliContext context)
        : this(context, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates the verb with an injected environment (tests) and, optionally, backend opener.</summary>
    public PredictCommand(CliContext context, Func<string, string?> environment, Func<string?, ITrackingBackend>? openBackend = null)
        : base("predict", "Score customers with a registered model: raw transactions through its training pipeline to a segment each")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(environment);
        _context = context;
        _environment = environment;
        _openBackend = openBackend
            ?? context.TrackingBackends(environment);
        foreach (var option in new Option[] { _model, _input, _referenceDate, _out, _to, _withFeatures, _withProducts, _json, _trackingUri, _cache })
        {
            Options.Add(option);
        }

        SetAction((parse, ct) => CommandErrors.GuardAsync(context, () => RunAsync(parse, ct), parse, ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var referenceDate = parse.GetValue(_referenceDate)!;
        var atTraining = referenceDate == TrainingReferenceDate;
        var request = new PredictRequest(
            parse.GetValue(_model)!, parse.GetValue(_input)!, atTraining ? null : ParseDate(referenceDate), parse.GetValue(_out), parse.GetValue(_to), parse.GetValue(_withFeatures))
        {
            AtTrainingReferenceDate = atTraining,
            WithProducts = parse.GetValue(_withProducts),
            SegmentNames = SegmentsConfig.FromParams(_context.WorkingDirectory).Overrides,
        };
        var json = parse.GetValue(_json);
        var cache = new ModelCache(ModelCache.ResolveRoot(parse.GetValue(_cache), _environment, _context.WorkingDirectory));
        using var backend = _openBackend(parse.GetValue(_trackingUri));
        var job = new PredictJob(backend, cache, _context.Clock, _context.WorkingDirectory);
        job.Validate(request);
        // Rows go to standard output only when nothing else receives them; the summary then goes to the error stream.
        var rowsToOutput = request.OutputFile is null && request.SqlTarget is null;
        var outcome = await job.RunAsync(request, rowsToOutput && !json ? _context.Output : null, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await _context.Output.WriteLineAsync(Json(outcome, rowsToOutput)).ConfigureAwait(false);
        }
        else
        {
            await WriteSummaryAsync(rowsToOutput ? _context.Error : _context.Output, outcome).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static async Task WriteSummaryAsync(TextWriter w, PredictOutcome outcome)
    {
        var r = outcome.Result;
        var model = r.Model;
        var version = model.ModelVersion.Length > 0 ? " version " + model.ModelVersion : string.Empty;
        await w.WriteLineAsync($"model:     {model.ModelName}{version} (run {model.RunId}, {model.Pipeline.Model.Algorithm})").ConfigureAwait(false);
        await w.WriteLineAsync(Invariant($"input:     {r.Batch.InputPath} ({(r.Batch.IsCustomerTable ? "customer table" : $"{r.Batch.TransactionRows} transactions")})")).ConfigureAwait(false);
        if (r.Batch.ReferenceDate is { } date)
        {
            await w.WriteLineAsync(Invariant($"reference: {date:yyyy-MM-dd}")).ConfigureAwait(false);
        }

        var rate = outcome.ScoreSeconds > 0 ? r.Count / outcome.ScoreSeconds : 0;
        await w.WriteLineAsync(Invariant($"scored:    {r.Count} customers in {outcome.ScoreSeconds:0.000} s ({rate:0} customers/s; model load {outcome.LoadSeconds:0.000} s)")).ConfigureAwait(false);
        foreach (var group in r.Scores.Segments.GroupBy(s => s).OrderBy(g => g.Key))
        {
            await w.WriteLineAsync(Invariant($"  {Serving.Scoring.SegmentNames.For(group.Key, r.Model),-12} {group.Count(),8}")).ConfigureAwait(false);
        }

        await w.WriteLineAsync(Invariant($"unscored:  {r.Unscored.Count} customers")).ConfigureAwait(false);
        foreach (var u in r.Unscored.Take(UnscoredShown))
        {
            await w.WriteLineAsync(Invariant($"  {u.CustomerId}: {u.Reason}")).ConfigureAwait(false);
        }

        if (r.Unscored.Count > UnscoredShown)
        {
            await w.WriteLineAsync(Invariant($"  … and {r.Unscored.Count - UnscoredShown} more (--json lists them all)")).ConfigureAwait(false);
        }

        if (r.Batch.RowsWithoutCustomer > 0)
        {
            await w.WriteLineAsync(Invariant($"  ({r.Batch.RowsWithoutCustomer} transaction rows have no customer id)")).ConfigureAwait(false);
        }

        if (outcome.OutputFile is { } file)
        {
            await w.WriteLineAsync($"written:   {file}").ConfigureAwait(false);
        }

        if (outcome.Sql is { } sql)
        {
            var products = sql.ProductRowsWritten is { } count ? Invariant($", {count} in segment_products") : string.Empty;
            await w.WriteLineAsync(Invariant($"table:     {sql.Target}: {sql.RowsWritten} rows in customer_segments ({sql.RowsReplaced} replaced), {sql.ProfilesWritten} in segment_profiles{products}")).ConfigureAwait(false);
        }
    }

    private static string Json(PredictOutcome outcome, bool withRows)
    {
        var r = outcome.Result;
        var root = new JsonObject
        {
            ["model"] = new JsonObject { ["name"] = r.Model.ModelName, ["version"] = r.Model.ModelVersion, ["run_id"] = r.Model.RunId, ["algorithm"] = r.Model.Pipeline.Model.Algorithm },
            ["input"] = r.Batch.InputPath,
            ["reference_date"] = r.Batch.ReferenceDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["scored_at"] = Serving.Output.ScoreColumns.Timestamp(r.ScoredAt),
            ["scored"] = r.Count,
            ["unscored_count"] = r.Unscored.Count,
            ["unscored"] = new JsonArray([.. r.Unscored.Select(u => (JsonNode)new JsonObject { ["customer_id"] = u.CustomerId, ["reason"] = u.Reason })]),
            ["seconds"] = new JsonObject { ["load"] = outcome.LoadSeconds, ["score"] = outcome.ScoreSeconds, ["write"] = outcome.WriteSeconds },
            ["output_file"] = outcome.OutputFile,
            ["table"] = outcome.Sql is { } sql ? new JsonObject { ["target"] = sql.Target, ["rows"] = sql.RowsWritten, ["replaced"] = sql.RowsReplaced, ["profiles"] = sql.ProfilesWritten, ["products"] = sql.ProductRowsWritten } : null,
        };
        if (withRows)
        {
            root["segments"] = new JsonArray([.. Enumerable.Range(0, r.Count).Select(i => (JsonNode)new JsonObject
            {
                ["customer_id"] = r.Customers.CustomerIds[i],
                ["segment"] = r.Scores.Segments[i],
                ["segment_name"] = r.SegmentName(i),
                ["score"] = double.IsFinite(r.Scores.Scores[i]) ? r.Scores.Scores[i] : null,
            })]);
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    // null = auto (the day after the batch's last transaction); drift reads --reference-date with the same rule.
    internal static DateOnly? ParseDate(string text) =>
        text == "auto" ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new UsageException($"option --reference-date: expected auto, {TrainingReferenceDate} or a date such as 2011-12-10, found '{text}'");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
