using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Segmentation.Benchmarks.Tracking;

/// <summary>One in-process job, 1 warm-up and 5 measured iterations of one invocation each (one sweep per iteration).</summary>
/// <remarks>In-process: the out-of-process boilerplate build alone exceeds BenchmarkDotNet's 2-minute limit on a busy 2-core CI box.</remarks>
public sealed class SqliteTrackingBenchmarkConfig : ManualConfig
{
    public SqliteTrackingBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
    }
}
