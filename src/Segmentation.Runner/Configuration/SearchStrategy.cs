using System.Globalization;
using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>The search strategy (<c>strategy:</c>): grid, random with a trial budget and a seed, or the adaptive tpe and halving.</summary>
/// <param name="Kind">Grid, random or tpe.</param>
/// <param name="MaxTrials">Trial budget; required for random, optional cap for grid (null = all); for tpe the budget counts the
/// sweep's finished trials, so a resumed search only runs what is left.</param>
/// <param name="Seed">Sampling seed for random and tpe; null means the sweep's <c>seed</c>.</param>
public sealed record SearchStrategy(StrategyKind Kind, int? MaxTrials, int? Seed)
{
    private static readonly string[] Kinds = ["grid", "random", "tpe", "halving"];

    /// <summary>The default: the full grid.</summary>
    public static SearchStrategy Grid { get; } = new(StrategyKind.Grid, null, null);

    /// <summary>Wall-clock budget of an adaptive search (<c>time_budget</c>, e.g. <c>10m</c>): no new batch starts after it; null = none.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>The estimator's settings when <see cref="Kind"/> is tpe, else null.</summary>
    public TpeSettings? Tpe { get; init; }

    /// <summary>The successive-halving schedule when <see cref="Kind"/> is halving, else null.</summary>
    public HalvingSettings? Halving { get; init; }

    /// <summary>Early stopping of an adaptive search (<c>patience</c>, <c>min_delta</c>), or null.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>True when trials are proposed from the trials observed so far rather than planned up front.</summary>
    public bool IsAdaptive => Kind is StrategyKind.Tpe or StrategyKind.Halving;

    /// <summary>
    /// The settings that decide which trials an adaptive search proposes, as stable text (part of its sweep id): the kind,
    /// the seed and the estimator's settings, but not the budget or early stopping, so a larger budget continues the same search.
    /// </summary>
    public string IdentityText(int sweepSeed) => Tpe is { } tpe
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"tpe;seed={Seed ?? sweepSeed};startup={tpe.StartupTrials};gamma={tpe.Gamma:R};candidates={tpe.Candidates};prior={tpe.PriorWeight:R};batch={tpe.BatchSize?.ToString(CultureInfo.InvariantCulture) ?? "workers"}")
        : Halving is { } halving
            ? string.Create(CultureInfo.InvariantCulture, $"halving;seed={Seed ?? sweepSeed};min_fraction={halving.MinFraction:R};eta={halving.Eta};candidates={MaxTrials?.ToString(CultureInfo.InvariantCulture) ?? "all"}")
            : Kind.ToString().ToLowerInvariant();

    /// <summary>
    /// Binds <c>strategy: {kind: grid|random|tpe|halving, max_trials, seed}</c>; tpe also reads <c>time_budget</c>,
    /// <c>startup_trials</c>, <c>gamma</c>, <c>candidates</c>, <c>prior_weight</c>, <c>batch_size</c>, <c>patience</c> and
    /// <c>min_delta</c>; halving reads <c>min_fraction</c>, <c>eta</c>, <c>patience</c> and <c>min_delta</c> (which end its
    /// last, full-data rung early).
    /// </summary>
    public static SearchStrategy Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var kind = section.GetChoice("kind", "grid", Kinds);
        if (kind == "tpe")
        {
            return BindTpe(section);
        }

        if (kind == "halving")
        {
            return BindHalving(section);
        }

        section.RejectUnknownKeys("kind", "max_trials", "seed");
        var maxTrials = section.GetScalar("max_trials")?.AsInt(1, 1_000_000);
        if (kind == "random" && maxTrials is null)
        {
            throw ConfigReads.Missing(section, "max_trials", "the number of trials to sample (random strategy)");
        }

        if (kind == "grid" && section.Has("seed"))
        {
            throw section.GetScalar("seed")!.Error("'seed' applies to kind: random and tpe only; the grid is not sampled");
        }

        return new SearchStrategy(kind == "grid" ? StrategyKind.Grid : StrategyKind.Random, maxTrials, section.GetScalar("seed")?.AsInt());
    }

    // max_trials is the number of candidates the first rung fits (a seeded sample), so it is part of the identity.
    private static SearchStrategy BindHalving(ConfigMapping section)
    {
        section.RejectUnknownKeys("kind", "max_trials", "seed", "min_fraction", "eta", "patience", "min_delta");
        var fractionNode = section.GetScalar("min_fraction");
        var minFraction = fractionNode?.AsDouble(0, 1) ?? HalvingSettings.Default.MinFraction;
        if (minFraction is <= 0 or >= 1)
        {
            throw fractionNode!.Error(string.Create(CultureInfo.InvariantCulture, $"min_fraction must be strictly between 0 and 1 (the first rung's share of the customers), found {minFraction}"));
        }

        return new SearchStrategy(StrategyKind.Halving, section.GetScalar("max_trials")?.AsInt(1, 1_000_000), section.GetScalar("seed")?.AsInt())
        {
            Halving = new HalvingSettings(minFraction, section.GetInt("eta", HalvingSettings.Default.Eta, 2, 100)),
            EarlyStopping = BindEarlyStopping(section),
        };
    }

    private static SearchStrategy BindTpe(ConfigMapping section)
    {
        section.RejectUnknownKeys(
            "kind", "max_trials", "time_budget", "seed", "startup_trials", "gamma", "candidates", "prior_weight", "batch_size", "patience", "min_delta");
        var maxTrials = section.GetScalar("max_trials")?.AsInt(1, 1_000_000);
        var timeBudget = section.GetScalar("time_budget") is { } budget ? DurationText.Parse(budget) : (TimeSpan?)null;
        if (maxTrials is null && timeBudget is null)
        {
            throw ConfigReads.Missing(section, "max_trials", "a trial budget (max_trials: 40) and/or a time budget (time_budget: 10m) for kind: tpe");
        }

        var defaults = TpeSettings.Default;
        var gammaNode = section.GetScalar("gamma");
        var gamma = gammaNode?.AsDouble(0, 1) ?? defaults.Gamma;
        if (gamma <= 0)
        {
            throw gammaNode!.Error("gamma must be above 0: the share of trials that form the good density");
        }

        var tpe = new TpeSettings(
            section.GetInt("startup_trials", defaults.StartupTrials, 1, 1_000_000),
            gamma,
            section.GetInt("candidates", defaults.Candidates, 1, 10_000),
            section.GetDouble("prior_weight", defaults.PriorWeight, 0.001, 1000),
            section.GetScalar("batch_size")?.AsInt(1, 1024));
        return new SearchStrategy(StrategyKind.Tpe, maxTrials, section.GetScalar("seed")?.AsInt())
        {
            TimeBudget = timeBudget,
            Tpe = tpe,
            EarlyStopping = BindEarlyStopping(section),
        };
    }

    private static EarlyStopping? BindEarlyStopping(ConfigMapping section)
    {
        var patience = section.GetScalar("patience")?.AsInt(1, 1_000_000);
        if (patience is null && section.Has("min_delta"))
        {
            throw section.GetScalar("min_delta")!.Error("min_delta needs patience: the number of trials without such a gain that ends the search");
        }

        return patience is { } p ? new EarlyStopping(p, section.GetDouble("min_delta", 0, 0)) : null;
    }
}
