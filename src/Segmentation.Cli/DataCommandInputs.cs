using Segmentation.Data.Configuration;
using Segmentation.Data.Pipeline;
using Segmentation.Data.Versioning;

namespace Segmentation.Cli;

/// <summary>Reads what the data verbs and <c>cluster</c> share: the data options (params.yaml plus <c>--input</c>) and the dataset store.</summary>
public static class DataCommandInputs
{
    /// <summary>
    /// The data options from <paramref name="paramsPath"/> (or params.yaml in the working directory when present, else
    /// the built-in defaults), with <paramref name="input"/> overriding <c>data.input</c>.
    /// </summary>
    public static DataOptions LoadDataOptions(string workingDirectory, string? paramsPath, string? input)
    {
        var options = ParamsFile.Load(workingDirectory, paramsPath) is { } root ? DataOptions.Bind(root) : new DataOptions();
        return input is null ? options : options with { Ingestion = options.Ingestion with { Input = input } };
    }

    /// <summary>The dataset store at <paramref name="store"/>, else SEGMENTATION_DATASET_STORE, else <c>.segmentation/datasets</c>.</summary>
    public static DatasetStore OpenStore(CliContext context, string? store) =>
        new(DatasetStore.ResolveRoot(store, Environment.GetEnvironmentVariable, context.WorkingDirectory), context.Clock);
}
