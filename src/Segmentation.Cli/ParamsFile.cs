using Segmentation.Data.Configuration;
using Segmentation.Data.Pipeline;
using Segmentation.Data.Versioning;

namespace Segmentation.Cli;

/// <summary>Reads the data-related options the <c>data</c> verbs share: params.yaml, <c>--input</c> and the dataset store.</summary>
public static class ParamsFile
{
    /// <summary>Default parameters file name, looked up in the working directory.</summary>
    public const string DefaultName = "params.yaml";

    /// <summary>
    /// The data options from <paramref name="paramsPath"/> (or params.yaml in the working directory when present, else
    /// the built-in defaults), with <paramref name="input"/> overriding <c>data.input</c>.
    /// </summary>
    public static DataOptions LoadDataOptions(string workingDirectory, string? paramsPath, string? input)
    {
        var options = Load(workingDirectory, paramsPath) is { } root ? DataOptions.Bind(root) : new DataOptions();
        return input is null ? options : options with { Ingestion = options.Ingestion with { Input = input } };
    }

    /// <summary>The parsed parameters file, or null when none was given and params.yaml does not exist.</summary>
    public static ConfigMapping? Load(string workingDirectory, string? paramsPath)
    {
        if (paramsPath is not null)
        {
            return ConfigDocument.Load(Path.GetFullPath(paramsPath, workingDirectory));
        }

        var defaultPath = Path.Combine(workingDirectory, DefaultName);
        return File.Exists(defaultPath) ? ConfigDocument.Load(defaultPath) : null;
    }

    /// <summary>The dataset store at <paramref name="store"/>, else SEGMENTATION_DATASET_STORE, else <c>.segmentation/datasets</c>.</summary>
    public static DatasetStore OpenStore(CliContext context, string? store) =>
        new(DatasetStore.ResolveRoot(store, Environment.GetEnvironmentVariable, context.WorkingDirectory), context.Clock);
}
