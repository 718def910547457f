using BenchmarkDotNet.Configs;

namespace Segmentation.Benchmarks.Tracking;

/// <summary>Gives BenchmarkDotNet's generated project 10 minutes to build: its default 2 minutes runs out on a busy 2-core machine.</summary>
public sealed class RestTrackingBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public RestTrackingBenchmarkConfig() => WithBuildTimeout(TimeSpan.FromMinutes(10));
}
