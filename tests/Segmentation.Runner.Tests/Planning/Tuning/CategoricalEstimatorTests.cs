using Segmentation.Runner.Planning.Tuning;

namespace Segmentation.Runner.Tests.Planning.Tuning;

public sealed class CategoricalEstimatorTests
{
    [Fact]
    public void Probabilities_CountsPlusPriorSpreadEvenly()
    {
        // Choices 0, 0, 1 of three, prior weight 1: (2 + 1/3)/4, (1 + 1/3)/4, (0 + 1/3)/4.
        var estimator = new CategoricalEstimator([0, 0, 1], 3, 1.0);

        Assert.Equal(7.0 / 12, estimator.Probabilities[0], 12);
        Assert.Equal(4.0 / 12, estimator.Probabilities[1], 12);
        Assert.Equal(1.0 / 12, estimator.Probabilities[2], 12);
        Assert.Equal(Math.Log(1.0 / 12), estimator.LogDensity(2), 12);
    }

    [Fact]
    public void Probabilities_NoObservations_Uniform()
    {
        var estimator = new CategoricalEstimator([], 4, 2.0);

        Assert.All(estimator.Probabilities, p => Assert.Equal(0.25, p, 12));
    }
}
