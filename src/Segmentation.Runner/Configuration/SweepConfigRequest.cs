namespace Segmentation.Runner.Configuration;

/// <summary>Where a sweep's configuration comes from: files, the environment and command-line flags.</summary>
/// <param name="ConfigPath">The sweep config (configs/*.yaml), relative to <paramref name="WorkingDirectory"/> or absolute.</param>
/// <param name="ParamsPath">params.yaml; null means <c>params.yaml</c> in the working directory when it exists.</param>
/// <param name="WorkingDirectory">Directory relative paths resolve against.</param>
/// <param name="Environment">Reads environment variables (MLFLOW_TRACKING_URI, MLFLOW_EXPERIMENT_NAME).</param>
/// <param name="TrackingUriFlag">The <c>--tracking-uri</c> flag, or null.</param>
/// <param name="ExperimentFlag">The <c>--experiment</c> flag, or null.</param>
public sealed record SweepConfigRequest(
    string ConfigPath,
    string? ParamsPath,
    string WorkingDirectory,
    Func<string, string?> Environment,
    string? TrackingUriFlag = null,
    string? ExperimentFlag = null);
