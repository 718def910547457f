using System.CommandLine;
using System.Globalization;
using System.Text;
using Segmentation.Data.Features;
using Segmentation.Data.Pipeline;
using Segmentation.Data.Versioning;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>segment data features</c>: reads the transactions, cleans them, builds the customer features and prints rows read,
/// rows removed per rule, customers kept and per-feature statistics; <c>--out</c> writes the table as CSV.
/// </summary>
public sealed class DataFeaturesCommand : Command
{
    private readonly Option<string?> _input = new("--input") { Description = "Transactions file (.csv, .csv.gz, .xlsx); overrides data.input" };
    private readonly Option<string?> _params = new("--params") { Description = "Parameters file (default: params.yaml in the working directory, if present)" };
    private readonly Option<string?> _out = new("--out") { Description = "Write the feature table as CSV, or as Parquet when the name ends in .parquet (customer_id first)" };
    private readonly Option<bool> _describe = new("--describe") { Description = "Print the feature catalogue and exit" };

    public DataFeaturesCommand(CliContext context)
        : base("features", "Build the customer feature table from transactions and print its statistics")
    {
        ArgumentNullException.ThrowIfNull(context);
        Options.Add(_input);
        Options.Add(_params);
        Options.Add(_out);
        Options.Add(_describe);
        SetAction((parse, ct) => CommandErrors.GuardAsync(context, () => RunAsync(context, parse, ct), parse, ct));
    }

    private async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        if (parse.GetValue(_describe))
        {
            await context.Output.WriteAsync(FeatureCatalog.Describe()).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var options = DataCommandInputs.LoadDataOptions(context.WorkingDirectory, parse.GetValue(_params), parse.GetValue(_input));
        var result = await Task.Run(() => FeaturePipeline.Run(options, context.WorkingDirectory, ct), ct).ConfigureAwait(false);
        await context.Output.WriteAsync(DataFeaturesReport.Format(result)).ConfigureAwait(false);
        if (parse.GetValue(_out) is { } outPath)
        {
            var full = Path.GetFullPath(outPath, context.WorkingDirectory);
            if (string.Equals(Path.GetExtension(full), ".parquet", StringComparison.OrdinalIgnoreCase))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                await using var file = File.Create(full);
                FeatureTableParquet.Write(result.Table, file);
            }
            else
            {
                await WriteCsvAsync(result.Table, full, ct).ConfigureAwait(false);
            }

            await context.Output.WriteLineAsync($"feature table written to {full}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>Writes the table as CSV: <c>customer_id</c> then the features, doubles round-trippable, invariant culture.</summary>
    public static async Task WriteCsvAsync(CustomerFeatureTable table, string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var columns = table.FeatureNames.Select(table.Column).ToArray();
        var text = new StringBuilder();
        text.Append("customer_id");
        foreach (var name in table.FeatureNames)
        {
            text.Append(',').Append(name);
        }

        text.Append('\n');
        for (var r = 0; r < table.RowCount; r++)
        {
            text.Append(table.CustomerIds[r].ToString(CultureInfo.InvariantCulture));
            foreach (var column in columns)
            {
                text.Append(',').Append(column[r].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        await File.WriteAllTextAsync(path, text.ToString(), new UTF8Encoding(false), ct).ConfigureAwait(false);
    }
}
