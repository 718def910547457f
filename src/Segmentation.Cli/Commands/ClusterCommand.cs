using System.CommandLine;
using System.Globalization;
using System.Text;
using Segmentation.Clustering.Scaling;
using Segmentation.Core;
using Segmentation.Core.Errors;
using Segmentation.Data.Versioning;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.SingleFit;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>segment cluster</c>: fits one configuration on the customer features of the input (through the dataset store's
/// lineage cache), prints its metrics and cluster sizes, and optionally writes <c>customer_id,label</c>.
/// </summary>
/// <remarks>
/// <c>--algorithm</c> and the algorithm options (<c>--k</c>, <c>--covariance</c>, <c>--eps</c>…) come from the
/// <see cref="AlgorithmRegistry"/>: each descriptor declares the options it reads, and reads them into its typed options.
/// </remarks>
public sealed class ClusterCommand : Command
{
    private readonly Option<string?> _input = new("--input") { Description = "Transactions file (.csv, .csv.gz, .xlsx, .parquet); overrides data.input" };
    private readonly Option<string?> _params = new("--params") { Description = "Parameters file (default: params.yaml in the working directory, if present)" };
    private readonly Option<string?> _store = new("--store") { Description = "Dataset store folder (default: .segmentation/datasets)" };
    private readonly Option<string> _algorithm;
    private readonly Option<string> _scaler = new("--scaler") { Description = "Scaler: " + ScalerNames.Allowed, DefaultValueFactory = _ => ScalerNames.Log1pStandard };
    private readonly Option<string> _reduction = new("--reduction") { Description = "none, pca:N (components) or pca:0.x (share of variance)", DefaultValueFactory = _ => "none" };
    private readonly Option<string> _features = new("--features")
    {
        Description = "Comma-separated feature columns (`segment data features --describe` lists them)",
        DefaultValueFactory = _ => string.Join(",", DefaultFeatures),
    };
    private readonly Option<int> _seed = new("--seed") { Description = "Random seed of the fit", DefaultValueFactory = _ => RandomSeed.Default };
    private readonly Option<string?> _out = new("--out") { Description = "Write customer_id,label to this CSV file" };
    private readonly Option<bool> _json = new("--json") { Description = "Print the result as JSON" };

    /// <summary>
    /// Six non-negative features (the shipped sweep configs choose their own): the default log1p+standard scaler applies
    /// (the full table also has signed columns such as spend_trend, which need the power or standard scaler).
    /// </summary>
    public static IReadOnlyList<string> DefaultFeatures { get; } =
        ["recency_days", "frequency", "monetary", "tenure_days", "avg_order_value", "unique_products"];

    private readonly AlgorithmRegistry _registry;

    // One command-line option per parameter name, shared by the algorithms that read it (--k), with its typed read.
    private readonly Dictionary<string, Func<ParseResult, object>> _algorithmValues = new(StringComparer.Ordinal);

    public ClusterCommand(CliContext context)
        : this(context, AlgorithmRegistry.Default)
    {
    }

    /// <summary>A <c>cluster</c> verb offering the algorithms of <paramref name="registry"/> and the options they declare.</summary>
    public ClusterCommand(CliContext context, AlgorithmRegistry registry)
        : base("cluster", "Fit one clustering configuration on the customer features and print its metrics and cluster sizes")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _algorithm = new("--algorithm") { Description = OrList(registry.Names), Required = true };
        // Listed for help and completion; the value is checked in the action so a bad one is a usage error naming the allowed values.
        _algorithm.CompletionSources.Add(registry.Names.ToArray());
        foreach (var option in new Option[] { _input, _params, _store, _algorithm })
        {
            Options.Add(option);
        }

        foreach (var (option, read) in AlgorithmOptions(registry))
        {
            _algorithmValues.Add(option.Name, read);
            Options.Add(option);
        }

        foreach (var option in new Option[] { _scaler, _reduction, _features, _seed, _out, _json })
        {
            Options.Add(option);
        }

        SetAction((parse, ct) => CommandErrors.GuardAsync(context, () => RunAsync(context, parse, ct), parse, ct));
    }

    /// <summary>The option names the algorithms of <paramref name="registry"/> add to <c>segment cluster</c>, once each, in registry order.</summary>
    public static IReadOnlyList<string> AlgorithmOptionNames(AlgorithmRegistry registry) => [.. AlgorithmOptions(registry).Select(o => o.Option.Name)];

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

        throw new UsageException($"--reduction '{text}': {Expected}");
    }

    private async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var descriptor = _registry.Get(parse.GetValue(_algorithm));
        var values = new ParameterValues(descriptor.ClusterOptions.Select(
            o => new KeyValuePair<string, object>(o.Parameter.Name, _algorithmValues[o.Name](parse))));
        var request = new SingleFitRequest(
            descriptor.Read(values), parse.GetValue(_scaler)!, ParseReduction(parse.GetValue(_reduction)!), parse.GetValue(_seed));
        // Bad settings fail before the (possibly slow) ingestion.
        request.Validate();
        var options = DataCommandInputs.LoadDataOptions(context.WorkingDirectory, parse.GetValue(_params), parse.GetValue(_input));
        var store = DataCommandInputs.OpenStore(context, parse.GetValue(_store));
        var features = parse.GetValue(_features)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (features.Length == 0)
        {
            throw new UsageException("--features is empty; give comma-separated feature columns");
        }

        var (ingest, result) = await Task.Run(
            () =>
            {
                var ingested = DatasetIngestion.Ingest(options, store, context.WorkingDirectory, ct);
                var data = TrainingData.FromDataset(ingested, features, TrainingData.SourceAsGiven(options.Ingestion.Input, context.WorkingDirectory));
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

    private static List<(Option Option, Func<ParseResult, object> Read)> AlgorithmOptions(AlgorithmRegistry registry)
    {
        var declared = new List<(ClusterOption Declaration, List<string> Algorithms)>();
        foreach (var descriptor in registry.Descriptors)
        {
            foreach (var option in descriptor.ClusterOptions)
            {
                var index = declared.FindIndex(d => d.Declaration.Name == option.Name);
                if (index < 0)
                {
                    declared.Add((option, [descriptor.Name]));
                }
                else if (declared[index].Declaration != option)
                {
                    throw new InvalidOperationException($"{descriptor.Name} declares {option.Name} differently from {string.Join(", ", declared[index].Algorithms)}");
                }
                else
                {
                    declared[index].Algorithms.Add(descriptor.Name);
                }
            }
        }

        return [.. declared.Select(d => ToOption(d.Declaration, d.Algorithms))];
    }

    // One option per parameter kind; the value is checked by the descriptor's constraint, not by the parser.
    private static (Option Option, Func<ParseResult, object> Read) ToOption(ClusterOption declaration, IReadOnlyList<string> algorithms)
    {
        var shared = algorithms.Count > 1 ? $" ({OrList(algorithms)})" : "";
        return declaration.Parameter switch
        {
            IntRange => Typed(declaration.Name, declaration.Description + shared, (int)declaration.Default),
            RealRange => Typed(declaration.Name, declaration.Description + shared, (double)declaration.Default),
            CategoricalConstraint categorical => Typed(declaration.Name, declaration.Description + ": " + OrList(categorical.Choices) + shared, (string)declaration.Default),
            var other => throw new InvalidOperationException($"{declaration.Name}: no command-line form for {other.GetType().Name}"),
        };
    }

    private static (Option Option, Func<ParseResult, object> Read) Typed<T>(string name, string description, T fallback)
        where T : notnull
    {
        var option = new Option<T>(name) { Description = description, DefaultValueFactory = _ => fallback };
        return (option, parse => parse.GetValue(option) ?? fallback);
    }

    private static string OrList(IReadOnlyList<string> words) =>
        words.Count < 2 ? string.Join("", words) : string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1];
}
