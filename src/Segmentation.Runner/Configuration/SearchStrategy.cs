using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>The search strategy (<c>strategy:</c>): grid, or random with a trial budget and a seed.</summary>
/// <param name="Kind">Grid or random.</param>
/// <param name="MaxTrials">Trial budget; required for random, optional cap for grid (null = all).</param>
/// <param name="Seed">Sampling seed for random; null means the sweep's <c>seed</c>.</param>
public sealed record SearchStrategy(StrategyKind Kind, int? MaxTrials, int? Seed)
{
    /// <summary>The default: the full grid.</summary>
    public static SearchStrategy Grid { get; } = new(StrategyKind.Grid, null, null);

    /// <summary>Binds <c>strategy: {kind: grid|random, max_trials, seed}</c>.</summary>
    public static SearchStrategy Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        section.RejectUnknownKeys("kind", "max_trials", "seed");
        var kind = section.GetChoice("kind", "grid", ["grid", "random"]);
        var maxTrials = section.GetScalar("max_trials")?.AsInt(1, 1_000_000);
        if (kind == "random" && maxTrials is null)
        {
            throw ConfigReads.Missing(section, "max_trials", "the number of trials to sample (random strategy)");
        }

        if (kind == "grid" && section.Has("seed"))
        {
            throw section.GetScalar("seed")!.Error("'seed' applies to kind: random only; the grid is not sampled");
        }

        return new SearchStrategy(kind == "grid" ? StrategyKind.Grid : StrategyKind.Random, maxTrials, section.GetScalar("seed")?.AsInt());
    }
}
