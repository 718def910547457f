using System.CommandLine;
using System.Globalization;
using System.Text;
using Segmentation.Clustering.Scaling;
using Segmentation.Data.Versioning;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.SingleFit;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>segment cluster</c>: fits one configuration on the customer features of the input (through the dataset store's
/// lineage cache), prints its metrics and cluster sizes, and optionally writes <c>customer_id,label</c>.
/// </summary>
public sealed class ClusterCommand : Command
{
    private readonly Option<string?> _input = new("--input") { Description = "Transactions file (.csv, .csv.gz, .xlsx, .parquet); overrides data.input" };
    private readonly Option<string?> _params = new("--params") { Description = "Parameters file (default: params.yaml in the working directory, if present)" };
    private readonly Option<string?> _store = new("--store") { Description = "Dataset store folder (default: .segmentation/datasets)" };
    private readonly Option<string> _algorithm = new("--algorithm") { Description = "kmeans, gmm, agglomerative or dbscan", Required = true };
    private readonly Option<int> _k = new("--k") { Description = "Number of clusters (not DBSCAN)", DefaultValueFactory = _ => 5 };
    private readonly Option<string> _scaler = new("--scaler") { Description = "Scaler: " + string.Join(", ", ScalerNames.All), DefaultValueFactory = _ => ScalerNames.Log1pStandard };
    private readonly Option<string> _reduction = new("--reduction") { Description = "none, pca:N (components) or pca:0.x (share of variance)", DefaultValueFactory = _ => "none" };
    private readonly Option<string> _features = new("--features")
    {
        Description = "Comma-separated feature columns (`segment data features --describe` lists them)",
        DefaultValueFactory = _ => string.Join(",", DefaultFeatures),
    };
    private readonly Option<string> _covariance = new("--covariance") { Description = "GMM covariance: full, diag, spherical or tied", DefaultValueFactory = _ => "full" };
    private readonly Option<string> _linkage = new("--linkage") { Description = "Agglomerative linkage: ward, complete, average or single", DefaultValueFactory = _ => "ward" };
    private readonly Option<double> _eps = new("--eps") { Description = "DBSCAN neighbourhood radius (> 0)", DefaultValueFactory = _ => 0.5 };
    private readonly Option<int> _minSamples = new("--min-samples") { Description = "DBSCAN points needed for a core point", DefaultValueFactory = _ => 5 };
    private readonly Option<int> _seed = new("--seed") { Description = "Random seed of the fit", DefaultValueFactory = _ => 42 };
    private readonly Option<string?> _out = new("--out") { Description = "Write customer_id,label to this CSV file" };
    private readonly Option<bool> _json = new("--json") { Description = "Print the result as JSON" };

    /// <summary>
    /// The features of the shipped sweep configs: all non-negative, so the default log1p+standard scaler applies
    /// (the full table also has signed columns such as spend_trend, which need the power or standard scaler).
    /// </summary>
    public static IReadOnlyList<string> DefaultFeatures { get; } =
        ["recency_days", "frequency", "monetary", "tenure_days", "avg_order_value", "unique_products"];

    public ClusterCommand(CliContext context)
        : base("cluster", "Fit one clustering configuration on the customer features and print its metrics and cluster sizes")
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var option in new Option[] { _input, _params, _store, _algorithm, _k, _scaler, _reduction, _features, _covariance, _linkage, _eps, _minSamples, _seed, _out, _json })
        {
            Options.Add(option);
        }

        SetAction((parse, ct) => CommandErrors.GuardAsync(context, () => RunAsync(context, parse, ct)));
    }

    /// <summary>Parses <c>none</c>, <c>pca:N</c> (components) or <c>pca:0.x</c> (share of variance).</summary>
    public static ReductionChoice ParseReduction(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Expected = "expected none, pca:N (components, N >= 1) or pca:0.x (share of variance between 0 and 1)";
        if (text == "none")
        {
            return ReductionChoice.None;
        }

        var value = text.StartsWith("pca:", StringComparison.Ordinal) ? text[4..] : null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var components) && components >= 1)
        {
            return new ReductionChoice(components, null);
        }

        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var share) && share is > 0 and < 1)
        {
            return new ReductionChoice(null, share);
        }

        throw new ArgumentException($"--reduction '{text}': {Expected}", "reduction");
    }

    private async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var request = new SingleFitRequest(
            parse.GetValue(_algorithm)!, parse.GetValue(_k), parse.GetValue(_scaler)!, ParseReduction(parse.GetValue(_reduction)!), parse.GetValue(_seed))
        {
            Covariance = parse.GetValue(_covariance)!,
            Linkage = parse.GetValue(_linkage)!,
            Eps = parse.GetValue(_eps),
            MinSamples = parse.GetValue(_minSamples),
        };
        // Bad settings fail before the (possibly slow) ingestion.
        request.Validate();
        var options = ParamsFile.LoadDataOptions(context.WorkingDirectory, parse.GetValue(_params), parse.GetValue(_input));
        var store = ParamsFile.OpenStore(context, parse.GetValue(_store));
        var features = parse.GetValue(_features)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (features.Length == 0)
        {
            throw new ArgumentException("--features is empty; give comma-separated feature columns", "features");
        }

        var (ingest, result) = await Task.Run(
            () =>
            {
                var ingested = DatasetIngestion.Ingest(options, store, context.WorkingDirectory, ct);
                var data = TrainingData.FromDataset(ingested, features);
                return (ingested, SingleFitRunner.Fit(data, request));
            },
            ct).ConfigureAwait(false);

        var outPath = parse.GetValue(_out) is { } o ? Path.GetFullPath(o, context.WorkingDirectory) : null;
        if (outPath is not null)
        {
            await File.WriteAllTextAsync(outPath, ClusterReport.LabelsCsv(result), new UTF8Encoding(false), ct).ConfigureAwait(false);
        }

        var text = parse.GetValue(_json)
            ? ClusterReport.Json(result, ingest.Manifest, ingest.CacheHit, outPath)
            : ClusterReport.Text(result, ingest.Manifest, ingest.CacheHit, outPath);
        await context.Output.WriteAsync(text).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
