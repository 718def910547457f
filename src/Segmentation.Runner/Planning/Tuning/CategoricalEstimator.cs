namespace Segmentation.Runner.Planning.Tuning;

/// <summary>
/// The estimator of one categorical axis: the observed share of each choice, smoothed by a prior weight spread evenly
/// over the choices — p(c) = (count(c) + w/C) / (n + w) for n observations, C choices and prior weight w.
/// </summary>
public sealed class CategoricalEstimator
{
    private readonly double[] _probabilities;

    /// <summary>Builds the estimator from observed choice indexes in [0, <paramref name="choiceCount"/>).</summary>
    public CategoricalEstimator(IReadOnlyList<int> observations, int choiceCount, double priorWeight)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentOutOfRangeException.ThrowIfLessThan(choiceCount, 1);
        var counts = new double[choiceCount];
        foreach (var c in observations)
        {
            counts[c]++;
        }

        var total = observations.Count + priorWeight;
        _probabilities = [.. counts.Select(n => (n + priorWeight / choiceCount) / total)];
    }

    /// <summary>The probability of each choice; they sum to 1.</summary>
    public IReadOnlyList<double> Probabilities => _probabilities;

    /// <summary>The log-probability of choice <paramref name="index"/>.</summary>
    public double LogDensity(int index) => Math.Log(_probabilities[index]);
}
