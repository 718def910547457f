using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Planning.Tuning;

/// <summary>The running state of early stopping (<c>patience</c>, <c>min_delta</c>), shared by tpe and halving.</summary>
internal static class Patience
{
    /// <summary>
    /// One more trial in order: a score above the best by more than <c>min_delta</c> (any score when there is no best yet)
    /// becomes the best and resets the count; anything else — no gain, a constraint broken, a failed fit — adds one.
    /// </summary>
    public static (double? Best, int Stale) Observe(EarlyStopping? stopping, double? best, int stale, double? score) =>
        score is { } s && (best is not { } b || s > b + (stopping?.MinDelta ?? 0)) ? (s, 0) : (best, stale + 1);
}
