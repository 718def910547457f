namespace Segmentation.Runner.Planning.Tuning;

/// <summary>
/// The Parzen estimator of one numeric axis (Bergstra et al. 2011, §4): a mixture of Gaussians truncated to [low, high],
/// one per observation plus a prior component N((low+high)/2, high−low).
/// </summary>
/// <remarks>
/// Bandwidths follow the paper's adaptive rule (as in hyperopt's <c>adaptive_parzen_normal</c>): with the prior's mean
/// sorted in among the observations, each component's σ is the larger of the gaps to its neighbours (the end ones take
/// their single gap), clipped to [(high−low)/min(100, 1+m), high−low] for m components; the prior keeps σ = high−low.
/// Observations weigh 1, the prior <c>prior_weight</c>. Log-scaled parameters are modelled in log space; the densities
/// are then over log x, whose Jacobian 1/x is the same in l(x) and g(x) and so cancels in their ratio.
/// </remarks>
public sealed class ParzenEstimator
{
    private readonly double[] _means;
    private readonly double[] _sigmas;
    private readonly double[] _logWeights;
    private readonly double _low;
    private readonly double _high;

    /// <summary>Builds the estimator from <paramref name="observations"/> on [<paramref name="low"/>, <paramref name="high"/>], low &lt; high.</summary>
    public ParzenEstimator(IReadOnlyList<double> observations, double low, double high, double priorWeight)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (!(low < high))
        {
            throw new ArgumentException($"the range must have low < high, found [{low}, {high}]", nameof(low));
        }

        _low = low;
        _high = high;
        var priorMean = 0.5 * (low + high);
        var priorSigma = high - low;
        // The prior sorts in after equal observations, so the order (and each σ) does not depend on how ties were given.
        var components = observations.Select(x => (Mean: x, IsPrior: false)).Append((Mean: priorMean, IsPrior: true))
            .OrderBy(c => c.Mean).ThenBy(c => c.IsPrior).ToArray();
        var m = components.Length;
        _means = [.. components.Select(c => c.Mean)];
        _sigmas = new double[m];
        var minSigma = priorSigma / Math.Min(100.0, 1.0 + m);
        for (var i = 0; i < m; i++)
        {
            if (components[i].IsPrior)
            {
                _sigmas[i] = priorSigma;
                continue;
            }

            var left = i > 0 ? _means[i] - _means[i - 1] : double.NegativeInfinity;
            var right = i < m - 1 ? _means[i + 1] - _means[i] : double.NegativeInfinity;
            _sigmas[i] = Math.Clamp(Math.Max(left, right), minSigma, priorSigma);
        }

        var total = observations.Count + priorWeight;
        _logWeights = [.. components.Select(c => Math.Log((c.IsPrior ? priorWeight : 1.0) / total))];
    }

    /// <summary>The components' means, ascending (the prior's among them).</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>The components' bandwidths, in the order of <see cref="Means"/>.</summary>
    public IReadOnlyList<double> Sigmas => _sigmas;

    /// <summary>The components' weights, in the order of <see cref="Means"/>; they sum to 1.</summary>
    public IReadOnlyList<double> Weights => [.. _logWeights.Select(Math.Exp)];

    /// <summary>The log of the truncated mixture's density at <paramref name="x"/>.</summary>
    public double LogDensity(double x)
    {
        var terms = new double[_means.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            var sigma = _sigmas[i];
            var z = (x - _means[i]) / sigma;
            // Truncation to [low, high] renormalises each component by the mass it keeps there.
            var mass = NormalCdf((_high - _means[i]) / sigma) - NormalCdf((_low - _means[i]) / sigma);
            terms[i] = _logWeights[i] - 0.5 * z * z - Math.Log(sigma * Math.Sqrt(2 * Math.PI) * mass);
        }

        return LogSumExp(terms);
    }

    /// <summary>log Σ exp(terms), without overflow.</summary>
    internal static double LogSumExp(IReadOnlyList<double> terms)
    {
        var max = terms.Max();
        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        var sum = 0.0;
        foreach (var t in terms)
        {
            sum += Math.Exp(t - max);
        }

        return max + Math.Log(sum);
    }

    private static double NormalCdf(double z) => 0.5 * (1 + MathNet.Numerics.SpecialFunctions.Erf(z / Math.Sqrt(2)));
}
