using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner;

/// <summary>One <c>segment sweep</c> invocation.</summary>
/// <param name="Config">Where the configuration comes from.</param>
/// <param name="Shard">Which share of the plan to run (default: all).</param>
/// <param name="MaxParallel">Trials run at once; null = the number of cores.</param>
/// <param name="ExportDirectory">Where to write the experiment folder after the sweep (see <c>ExperimentExport</c>); null writes none.</param>
public sealed record SweepRequest(SweepConfigRequest Config, ShardSpec? Shard = null, int? MaxParallel = null, string? ExportDirectory = null);
