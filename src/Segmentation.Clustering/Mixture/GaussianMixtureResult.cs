namespace Segmentation.Clustering.Mixture;

/// <summary>The outcome of <see cref="GaussianMixture.Fit"/>.</summary>
/// <param name="Model">The fitted mixture.</param>
/// <param name="Labels">Most probable component of every training row.</param>
/// <param name="LowerBound">Mean log-likelihood at the last E-step of the best initialisation (scikit-learn's lower_bound_).</param>
/// <param name="Iterations">EM iterations of the best initialisation.</param>
/// <param name="Converged">True when some initialisation met the tolerance within the iteration limit.</param>
/// <param name="Score">Mean log-likelihood of the training rows under the final model.</param>
/// <param name="Bic">Bayesian information criterion on the training rows (lower is better).</param>
/// <param name="Aic">Akaike information criterion on the training rows (lower is better).</param>
public sealed record GaussianMixtureResult(
    GaussianMixtureModel Model,
    int[] Labels,
    double LowerBound,
    int Iterations,
    bool Converged,
    double Score,
    double Bic,
    double Aic);
