using System.CommandLine;
using System.Globalization;
using Segmentation.Data.Versioning;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>segment data ingest</c>: builds the customer features and stores them as a content-addressed dataset
/// version, or finds the stored version through the lineage cache ("cache hit"); prints the digest.
/// </summary>
public sealed class DatasetIngestCommand : Command
{
    private readonly Option<string?> _input = new("--input") { Description = "Transactions file (.csv, .csv.gz, .xlsx, .parquet); overrides data.input" };
    private readonly Option<string?> _params = new("--params") { Description = "Parameters file (default: params.yaml in the working directory, if present)" };
    private readonly Option<string?> _store = new("--store") { Description = "Dataset store folder (default: .segmentation/datasets)" };

    public DatasetIngestCommand(CliContext context)
        : base("ingest", "Store the customer features of a transactions file as a dataset version and print its digest")
    {
        ArgumentNullException.ThrowIfNull(context);
        Options.Add(_input);
        Options.Add(_params);
        Options.Add(_store);
        SetAction((parse, ct) => CommandErrors.GuardAsync(context, () => RunAsync(context, parse, ct), parse, ct));
    }

    private async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var options = DataCommandInputs.LoadDataOptions(context.WorkingDirectory, parse.GetValue(_params), parse.GetValue(_input));
        var store = DataCommandInputs.OpenStore(context, parse.GetValue(_store));
        var started = context.Clock.GetTimestamp();
        var result = await Task.Run(() => DatasetIngestion.IngestForReport(options, store, context.WorkingDirectory, ct), ct).ConfigureAwait(false);
        var seconds = context.Clock.GetElapsedTime(started).TotalSeconds;

        var m = result.Manifest;
        var how = result.CacheHit ? "cache hit" : "stored new version";
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{how}: {m.Name} ({m.RowCount} customers, {m.Schema.Count} columns) in {seconds:0.000} s")).ConfigureAwait(false);
        await context.Output.WriteLineAsync($"digest: {m.Digest}").ConfigureAwait(false);
        await context.Output.WriteLineAsync($"short:  {m.ShortDigest}").ConfigureAwait(false);
        await context.Output.WriteLineAsync($"file:   {store.ParquetPath(m.Digest)}").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
