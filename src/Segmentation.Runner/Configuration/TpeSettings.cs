namespace Segmentation.Runner.Configuration;

/// <summary>The Tree-structured Parzen Estimator's settings (<c>strategy: {kind: tpe, …}</c>).</summary>
/// <param name="StartupTrials">Trials proposed uniformly at random before the estimator takes over (<c>startup_trials</c>).</param>
/// <param name="Gamma">Share of the observed trials that form the "good" density l(x) (<c>gamma</c>), at most <see cref="MaxGood"/> of them.</param>
/// <param name="Candidates">Candidates drawn from l(x) per proposal, of which the one with the largest l(x)/g(x) is proposed (<c>candidates</c>).</param>
/// <param name="PriorWeight">Weight of the prior component in every Parzen estimator (<c>prior_weight</c>).</param>
/// <param name="BatchSize">Proposals per round (<c>batch_size</c>); null means one per worker (<c>--max-parallel</c> or the core count).</param>
public sealed record TpeSettings(int StartupTrials, double Gamma, int Candidates, double PriorWeight, int? BatchSize)
{
    /// <summary>The most observations the good group holds, however many trials ran (Bergstra et al. 2011 cap it too).</summary>
    public const int MaxGood = 25;

    /// <summary>The defaults, Optuna's: 10 random trials, gamma 0.1, 24 candidates, prior weight 1, one proposal per worker.</summary>
    /// <remarks>Gamma 0.25 (hyperopt's) put the 10 best of 40 trials in l(x): with a few strong candidates among hundreds of
    /// weak ones, that good group already holds mediocre trials and l(x)/g(x) stays flat, so tpe at 40 trials did no better
    /// than random (bench/tuner). At 0.1 the good group is the best ⌈n/10⌉, as in Optuna's default_gamma.</remarks>
    public static TpeSettings Default { get; } = new(10, 0.1, 24, 1.0, null);

    /// <summary>Number of observations in the good group: ⌈gamma·n⌉, at least 1 and at most <see cref="MaxGood"/>.</summary>
    public int GoodCount(int observed) => observed == 0 ? 0 : Math.Clamp((int)Math.Ceiling(Gamma * observed), 1, MaxGood);
}
