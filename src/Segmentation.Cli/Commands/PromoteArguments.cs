namespace Segmentation.Cli.Commands;

/// <summary>The typed option values of <c>segment promote</c> after parsing; <see cref="PromoteOptions.From"/> merges them with the config.</summary>
/// <remarks>
/// Each value was checked by its option's parser or validator (numbers, ranges, stage, alias, metric, direction), so a
/// bad one is a parse error naming the option (exit 2); null means the flag was not given.
/// </remarks>
public sealed record PromoteArguments(
    string? Config,
    string? Experiment,
    string? Parent,
    string? Metric,
    string? Direction,
    double? Min,
    double? Max,
    string? Stage,
    string? Alias,
    string? ModelName,
    string? TrackingUri,
    int? MinK,
    int? MaxK,
    double? MinClusterFraction,
    double? MaxClusterFraction,
    double? MaxNoiseFraction,
    int Top,
    bool Json);
