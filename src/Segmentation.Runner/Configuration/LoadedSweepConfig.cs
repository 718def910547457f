using Segmentation.Data.Configuration;
using Segmentation.Data.Pipeline;

namespace Segmentation.Runner.Configuration;

/// <summary>A loaded sweep: the effective merged config (each value located at its source), its binding and its hash.</summary>
/// <param name="ConfigPath">Absolute path of the sweep config file.</param>
/// <param name="Effective">The merged configuration tree; every value remembers its file and line (or env var / flag).</param>
/// <param name="Config">The validated, typed sweep configuration.</param>
/// <param name="Data">The data layer's options (<c>data</c>, <c>cleaning</c>, <c>features</c>), bound from the same tree.</param>
/// <param name="ConfigHash">SHA-256 over the canonical JSON of everything that decides the trials and their results
/// (tracking, experiment, registry, gate and promote_at_end are left out, so shards on other machines agree).</param>
public sealed record LoadedSweepConfig(string ConfigPath, ConfigMapping Effective, SweepConfig Config, DataOptions Data, string ConfigHash);
