namespace Segmentation.Cli.Commands;

/// <summary>The option text of <c>segment promote</c> as typed; <see cref="PromoteOptions.From"/> checks every value.</summary>
/// <remarks>Values stay text so a bad one is this tool's usage error (exit 2) naming the option, not a parser error.</remarks>
public sealed record PromoteArguments(
    string? Config,
    string? Experiment,
    string? Parent,
    string? Metric,
    string? Direction,
    string? Min,
    string? Max,
    string? Stage,
    string? Alias,
    string? ModelName,
    string? TrackingUri,
    string? MinK,
    string? MaxK,
    string? MinClusterFraction,
    string? MaxClusterFraction,
    string? MaxNoiseFraction,
    string? Top,
    bool Json);
