using Segmentation.Tracking.Rest;

namespace Segmentation.Tracking.Tests.Rest.Support;

/// <summary>Transport options for tests on <see cref="AutoAdvancingTimeProvider"/>: attempt timeouts and total deadlines far beyond its fire threshold so only backoffs fire.</summary>
public static class TestOptions
{
    /// <summary>Attempt timeout that the fake clock never fires.</summary>
    public static readonly TimeSpan NeverTimesOut = TimeSpan.FromHours(20);

    /// <summary><paramref name="options"/> (or defaults without retries) with an attempt timeout the fake clock never fires.</summary>
    public static MlflowHttpOptions OnFakeClock(MlflowHttpOptions? options = null) =>
        (options ?? new MlflowHttpOptions { MaxRetries = 0 }) with { RequestTimeout = NeverTimesOut, TotalTimeout = NeverTimesOut, WindingDownTimeout = NeverTimesOut };
}
