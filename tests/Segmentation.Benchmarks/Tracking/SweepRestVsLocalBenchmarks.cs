using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Segmentation.Data.Versioning;
using Segmentation.Runner;
using Segmentation.Runner.Configuration;
using Segmentation.Tracking.Tests.Rest.Emulator;

namespace Segmentation.Benchmarks.Tracking;

/// <summary>
/// The main job (<c>configs/kmeans.yaml</c>: 88 trials, then stability) as a whole <c>segment sweep</c>, once into a new local
/// store and once to the loopback MLflow emulator over REST (HTTP on 127.0.0.1, SQLite behind it), in the same run: the
/// cost of tracking over HTTP with the logging queue keeping requests in flight while the next trials fit.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project tests/Segmentation.Benchmarks -- --filter '*SweepRestVsLocal*'</c>. The dataset
/// version is ingested once before the iterations, so both sweeps read it from the dataset store. HTTP requests per trial
/// (everything the sweep sent, parent run and stability included, over the trials run) are printed after the run.
/// The emulator answers at once; a real MLflow server adds its own (Python) handling time per request.
/// </remarks>
[Config(typeof(Config))]
public class SweepRestVsLocalBenchmarks
{
    private string _root = string.Empty;
    private string _scratch = string.Empty;
    private string _datasets = string.Empty;
    private string _directory = string.Empty;
    private MlflowEmulator? _emulator;
    private long _requests;
    private long _trials;

    /// <summary>Finds the repository and ingests the shipped data once into a scratch dataset store.</summary>
    [GlobalSetup]
    public void GlobalSetup()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Segmentation.sln")))
        {
            directory = directory.Parent;
        }

        _root = directory?.FullName ?? throw new InvalidOperationException("repository root (Segmentation.sln) not found above " + AppContext.BaseDirectory);
        _scratch = Path.Combine(Path.GetTempPath(), "seg-sweep-rest-" + Guid.NewGuid().ToString("N"));
        _datasets = Path.Combine(_scratch, "datasets");
        // A dry run loads (and so stores) the dataset version without logging anything.
        Runner().DryRun(Request("sqlite:///" + Path.Combine(_scratch, "dry.db")), CancellationToken.None);
    }

    /// <summary>A new tracking folder (and emulator) per iteration, so no trial is skipped as already FINISHED.</summary>
    [IterationSetup]
    public void Setup()
    {
        _directory = Path.Combine(_scratch, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _emulator = new MlflowEmulator();
    }

    /// <summary>The main job into a new local SQLite store.</summary>
    [Benchmark(Baseline = true)]
    public Task<SweepSummary> MainJobLocalStore() =>
        Runner().RunAsync(Request("sqlite:///" + Path.Combine(_directory, "mlflow.db")), null, CancellationToken.None);

    /// <summary>The main job to the loopback emulator over REST.</summary>
    [Benchmark]
    public async Task<SweepSummary> MainJobRest()
    {
        var before = _emulator!.RequestCount;
        var summary = await Runner().RunAsync(Request(_emulator.BaseUri.ToString().TrimEnd('/')), null, CancellationToken.None).ConfigureAwait(false);
        _requests += _emulator.RequestCount - before;
        _trials += summary.Ran;
        return summary;
    }

    /// <summary>Stops the emulator and deletes the iteration's tracking folder.</summary>
    [IterationCleanup]
    public void Cleanup()
    {
        _emulator?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Prints HTTP requests per trial and deletes the scratch folder.</summary>
    [GlobalCleanup]
    public void Report()
    {
        if (_trials > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// SweepRestVsLocalBenchmarks: {(double)_requests / _trials:0.00} HTTP requests per trial ({_trials} trials)"));
        }

        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    /// <summary>
    /// In process (a whole sweep per iteration dwarfs any harness overhead, and no generated project has to build on a busy
    /// machine), one warm-up and three iterations of one invocation each.
    /// </summary>
    public sealed class Config : ManualConfig
    {
        /// <summary>Creates the config.</summary>
        public Config() => AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithInvocationCount(1).WithUnrollFactor(1));
    }

    private SweepRunner Runner() => SweepRunner.CreateDefault(Environment, TimeProvider.System, _root);

    private string? Environment(string name) => name == DatasetStore.EnvironmentVariable ? _datasets : null;

    private SweepRequest Request(string trackingUri) =>
        new(new SweepConfigRequest(Path.Combine(_root, "configs", "kmeans.yaml"), Path.Combine(_root, "params.yaml"), _root, Environment, trackingUri));
}
