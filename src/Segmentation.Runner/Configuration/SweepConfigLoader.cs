using Segmentation.Core;
using Segmentation.Core.Json;
using Segmentation.Data.Configuration;
using Segmentation.Data.Pipeline;
using Segmentation.Tracking.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>
/// Layers the configuration — built-in defaults &lt; params.yaml &lt; sweep config &lt; environment &lt; CLI flags — and
/// validates it before anything runs.
/// </summary>
public static class SweepConfigLoader
{
    /// <summary>The source name of built-in defaults in provenance listings.</summary>
    public const string BuiltInSource = "built-in defaults";

    /// <summary>The environment variable that sets the experiment name (MLflow's own).</summary>
    public const string ExperimentEnvironmentVariable = "MLFLOW_EXPERIMENT_NAME";

    // The tracking URI's default and the seed are their owners' (TrackingUri, RandomSeed), so every verb agrees.
    private static readonly string DefaultsYaml = $"""
        seed: {RandomSeed.Default}
        tracking:
          uri: {TrackingUri.Default}
        experiment:
          name: customer-segmentation
        strategy:
          kind: grid
        objective:
          metric: silhouette
        promote_at_end: false
        """;

    // Sections that say where results go or what happens after the sweep; they do not change any trial.
    private static readonly string[] NotHashed = ["tracking", "experiment", "registry", "gate", "promote_at_end"];

    /// <summary>The built-in defaults as a located tree.</summary>
    public static ConfigMapping Defaults() => ConfigDocument.Parse(DefaultsYaml, BuiltInSource);

    /// <summary>Loads, layers and validates; any problem is a <see cref="ConfigException"/> naming the file, line and key.</summary>
    public static LoadedSweepConfig Load(SweepConfigRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var configPath = Path.GetFullPath(Path.Combine(request.WorkingDirectory, request.ConfigPath));
        var merged = Defaults();
        if (ParamsFile.Load(request.WorkingDirectory, request.ParamsPath) is { } parameters)
        {
            merged = ConfigDocument.Merge(merged, parameters);
        }

        merged = ConfigDocument.Merge(merged, ConfigDocument.Load(configPath));
        merged = OverrideIfSet(merged, "tracking.uri", request.Environment(TrackingUri.EnvironmentVariable), "environment " + TrackingUri.EnvironmentVariable);
        merged = OverrideIfSet(merged, "experiment.name", request.Environment(ExperimentEnvironmentVariable), "environment " + ExperimentEnvironmentVariable);
        merged = OverrideIfSet(merged, "tracking.uri", request.TrackingUriFlag, "--tracking-uri");
        merged = OverrideIfSet(merged, "experiment.name", request.ExperimentFlag, "--experiment");
        var config = SweepConfig.Bind(merged);
        var data = DataOptions.Bind(merged);
        data.Validate();
        CheckFeaturesExist(merged, config, data);
        return new LoadedSweepConfig(configPath, merged, config, data, HashOf(merged));
    }

    /// <summary>The config hash of an effective tree (see <see cref="LoadedSweepConfig.ConfigHash"/>).</summary>
    public static string HashOf(ConfigMapping effective)
    {
        ArgumentNullException.ThrowIfNull(effective);
        var kept = new ConfigMapping(
            effective.Entries.Where(e => !NotHashed.Contains(e.Key, StringComparer.Ordinal)),
            effective.Source, effective.Line, effective.Column, effective.Path);
        return CanonicalJson.Hash(kept.ToJson());
    }

    // search.features must name columns the data layer builds, or the sweep would fail after ingesting.
    private static void CheckFeaturesExist(ConfigMapping merged, SweepConfig config, DataOptions data)
    {
        if (config.Search.Features is not { } features)
        {
            return;
        }

        var list = merged.GetMapping("search").GetSequence("features")!;
        for (var i = 0; i < features.Count; i++)
        {
            if (!data.Features.Include.Contains(features[i], StringComparer.Ordinal))
            {
                throw list.Items[i].Error($"unknown feature '{features[i]}'; allowed (features.include): {string.Join(", ", data.Features.Include)}");
            }
        }
    }

    private static ConfigMapping OverrideIfSet(ConfigMapping root, string keyPath, string? value, string source) =>
        string.IsNullOrWhiteSpace(value) ? root : ConfigDocument.Override(root, keyPath, value.Trim(), source);
}
