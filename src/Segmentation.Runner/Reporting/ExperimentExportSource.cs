using Segmentation.Data.Versioning;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Promotion;

namespace Segmentation.Runner.Reporting;

/// <summary>Everything a finished sweep knows that <see cref="ExperimentExport"/> writes into an experiment folder.</summary>
/// <param name="Request">The sweep invocation (config path, params path, working directory).</param>
/// <param name="Config">The loaded, effective sweep config.</param>
/// <param name="Plan">The sweep's plan (sweep id, config hash, trials).</param>
/// <param name="Data">The training table the trials ran on.</param>
/// <param name="Manifest">The stored dataset version's manifest, or null when the data source has no dataset store.</param>
/// <param name="Leaderboard">Every FINISHED trial, ranked.</param>
/// <param name="Promotion">The promote_at_end decision, or null when the sweep did not promote.</param>
public sealed record ExperimentExportSource(
    SweepConfigRequest Request,
    LoadedSweepConfig Config,
    SweepPlan Plan,
    TrainingData Data,
    DatasetManifest? Manifest,
    Leaderboard Leaderboard,
    PromotionResult? Promotion);
