using Segmentation.Cli.Tests.Commands;
using Segmentation.Tracking;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Cli.Tests.Claims;

/// <summary>
/// Several machines' worth of one sweep on this one: each process gets its own checkout-like folder (config, params and
/// the same slice of the shipped data, so the same dataset digest) and they share one tracking store.
/// </summary>
internal sealed class ShardedSweepFarm : IDisposable
{
    /// <summary>16 quick trials: KMeans k 2–9 on two scalers.</summary>
    public const int PlannedTrials = 16;

    /// <summary>The experiment every process logs to.</summary>
    public const string Experiment = "claims-farm";

    /// <summary>The config file, relative to each folder.</summary>
    public const string Config = "configs/claims.yaml";

    /// <summary>The main job's 88 trials (configs/kmeans.yaml's search space: k 2–12 × four scalers × PCA or not), in the same experiment.</summary>
    public const string MainJobConfig = "configs/main-job.yaml";

    /// <summary>Trials of <see cref="MainJobConfig"/>.</summary>
    public const int MainJobTrials = 88;

    private const string ConfigText = """
        experiment:
          name: claims-farm
        search:
          features: [recency_days, frequency, monetary]
          scalers: [standard, minmax]
          algorithms:
            kmeans:
              k: [2, 3, 4, 5, 6, 7, 8, 9]
              n_init: 2
        objective:
          metric: silhouette
        constraints:
          min_k: 2
        registry:
          model_name: claims-farm
          alias: champion
        gate:
          silhouette: {min: 0.0}
        """;

    // The search space, objective and constraints of configs/kmeans.yaml; no stability stage, registry or gate: what is
    // tested is that every trial is run once across a kill, and the bootstrap refits would only add minutes.
    private const string MainJobConfigText = """
        experiment:
          name: claims-farm
        search:
          features: [recency_days, tenure_days, monetary]
          scalers: [log1p+minmax, log1p+standard, log1p+robust, power]
          reduction:
            - none
            - pca: {components: 2}
          algorithms:
            kmeans:
              k: {from: 2, to: 12}
              n_init: 10
              algorithm: lloyd
        strategy:
          kind: grid
        objective:
          metric: silhouette
          direction: maximize
        constraints:
          min_k: 4
          max_k: 8
          min_cluster_fraction: 0.05
        """;

    private readonly List<SmokeWorkspace> _workspaces = [];
    private readonly List<CliProcess> _processes = [];

    /// <summary>Short heartbeats so a killed process's runs become orphans within seconds.</summary>
    public static IReadOnlyDictionary<string, string> FastHeartbeats { get; } = new Dictionary<string, string>
    {
        ["SEGMENTATION_HEARTBEAT_SECONDS"] = "0.5",
        ["SEGMENTATION_CLAIM_TIMEOUT_SECONDS"] = "3",
    };

    /// <summary>Starts <c>segment ARGS</c> in a fresh folder (or the <paramref name="folder"/>-th one again).</summary>
    public CliProcess Start(IReadOnlyDictionary<string, string>? environment, int? folder, params string[] args)
    {
        var workspace = folder is { } i ? _workspaces[i] : NewWorkspace();
        var env = new Dictionary<string, string>(FastHeartbeats);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            env[name] = value;
        }

        var process = CliProcess.Start(workspace.Directory, env, args);
        _processes.Add(process);
        return process;
    }

    /// <summary>Runs <c>segment ARGS</c> to its end and returns the exit code and outputs.</summary>
    public Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        Start(null, null, args).WaitAsync(TimeSpan.FromMinutes(2));

    /// <summary>Checks the store the way the issue states it: one parent, each planned trial FINISHED once, nothing RUNNING.</summary>
    public static async Task<StoreCensus> CensusAsync(ITrackingStore store)
    {
        var experiment = await store.GetExperimentByNameAsync(Experiment) ?? throw new InvalidOperationException("no experiment");
        var runs = await store.SearchRunsAsync(new RunSearchRequest([experiment.ExperimentId], null));
        var parents = runs.Where(r => Kind(r) == SegmentationTags.RunKindSweep).ToList();
        var finished = runs.Where(r => Kind(r) == SegmentationTags.RunKindTrial && r.Info.Status == RunStatus.Finished).ToList();
        return new StoreCensus(
            parents,
            finished,
            finished.GroupBy(r => r.Data.Tags[SegmentationTags.TrialHash]).ToDictionary(g => g.Key, g => g.Count()),
            runs.Where(r => r.Info.Status == RunStatus.Running).ToList(),
            runs);
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        foreach (var workspace in _workspaces)
        {
            workspace.Dispose();
        }
    }

    private static string? Kind(Run run) => run.Data.Tags.GetValueOrDefault(SegmentationTags.RunKind);

    private SmokeWorkspace NewWorkspace()
    {
        // 6,000 invoice lines: a few hundred customers, so each trial takes milliseconds and a process seconds.
        var workspace = new SmokeWorkspace("seg-claims-", 6_000);
        File.WriteAllText(Path.Combine(workspace.Directory, Config), ConfigText);
        File.WriteAllText(Path.Combine(workspace.Directory, MainJobConfig), MainJobConfigText);
        _workspaces.Add(workspace);
        return workspace;
    }
}

/// <summary>What the store holds after the processes ended.</summary>
/// <param name="Parents">Runs tagged as a sweep's parent.</param>
/// <param name="FinishedTrials">FINISHED trial runs.</param>
/// <param name="FinishedPerHash">FINISHED trial runs per trial hash.</param>
/// <param name="Running">Runs still RUNNING.</param>
/// <param name="All">Every run of the experiment.</param>
internal sealed record StoreCensus(
    IReadOnlyList<Run> Parents, IReadOnlyList<Run> FinishedTrials, IReadOnlyDictionary<string, int> FinishedPerHash, IReadOnlyList<Run> Running, IReadOnlyList<Run> All)
{
    /// <summary>One parent, each of the planned trials FINISHED exactly once, none RUNNING; the failure message says what differs.</summary>
    public void AssertExactlyOnce(int plannedTrials = ShardedSweepFarm.PlannedTrials)
    {
        Assert.True(Parents.Count == 1, $"{Parents.Count} parent runs: {string.Join(", ", Parents.Select(p => p.Info.RunId))}");
        Assert.True(
            FinishedPerHash.Count == plannedTrials,
            $"{FinishedPerHash.Count} trial hashes FINISHED, expected {plannedTrials}");
        Assert.True(FinishedPerHash.Values.All(n => n == 1), "duplicated: " + string.Join(", ", FinishedPerHash.Where(p => p.Value > 1).Select(p => $"{p.Key[..8]}×{p.Value}")));
        Assert.True(Running.Count == 0, $"{Running.Count} runs still RUNNING: {string.Join(", ", Running.Select(r => r.Info.RunName))}");
        Assert.All(FinishedTrials, t => Assert.Equal(Parents[0].Info.RunId, t.Data.Tags[MlflowTags.ParentRunId]));
    }
}
