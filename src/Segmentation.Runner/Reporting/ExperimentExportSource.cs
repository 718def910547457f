using Segmentation.Data.Versioning;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Reporting;

/// <summary>Everything a finished sweep knows that <see cref="ExperimentExport"/> writes into an experiment folder.</summary>
/// <param name="Request">The sweep invocation (config path, params path, working directory).</param>
/// <param name="Config">The loaded, effective sweep config.</param>
/// <param name="Plan">The sweep's plan (sweep id, config hash, trials).</param>
/// <param name="Data">The training table the trials ran on.</param>
/// <param name="Manifest">The stored dataset version's manifest, or null when the data source has no dataset store.</param>
/// <param name="Summary">The sweep's report: leaderboard, curves and the promote_at_end decision (null when it did not promote).</param>
public sealed record ExperimentExportSource(
    SweepConfigRequest Request,
    LoadedSweepConfig Config,
    SweepPlan Plan,
    TrainingData Data,
    DatasetManifest? Manifest,
    SweepSummary Summary);
