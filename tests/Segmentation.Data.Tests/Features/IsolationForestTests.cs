using Segmentation.Data.Features;

namespace Segmentation.Data.Tests.Features;

public sealed class IsolationForestTests
{
    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 1.0)]
    [InlineData(256, 10.244770)]
    public void AveragePathLength_KnownValues(int n, double expected) =>
        Assert.Equal(expected, IsolationForest.AveragePathLength(n), 5);

    [Fact]
    public void Score_ManySeeds_ScoresInUnitIntervalAndIsolatedPointHighest()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            var data = new List<double>();
            for (var i = 0; i < 300; i++)
            {
                data.Add(random.NextDouble());
                data.Add(random.NextDouble());
            }

            data.Add(8);
            data.Add(-5);
            var forest = IsolationForest.Fit(data.ToArray(), 2, 50, 128, seed);

            var scores = forest.Score(data.ToArray());

            Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
            Assert.Equal(scores.Length - 1, Array.IndexOf(scores, scores.Max()));
        }
    }
}
