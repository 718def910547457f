using Segmentation.Clustering;
using Segmentation.Clustering.Scaling;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Tests.Execution;

public sealed class GroupPreparationTests
{
    private static readonly TrainingData Data = MakeData();

    [Fact]
    public async Task Get_FromParallelTrials_FitsOnceAndSharesTheResult()
    {
        var phases = new SweepPhases(TimeProvider.System);
        var group = new GroupPreparation(new PreprocessingKey(ScalerNames.Standard, ReductionChoice.None), Data, phases, trials: 8);

        var seen = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => group.Get().Data)));

        var fitted = Assert.IsType<PreprocessedData>(seen[0]);
        Assert.All(seen, d => Assert.Same(fitted, d));
        Assert.Equal(Data.Features.Rows, fitted.Transformed.Rows);
    }

    [Fact]
    public void TrialDone_AfterTheLastTrial_LetsTheDataGoAndRefusesMore()
    {
        var group = new GroupPreparation(new PreprocessingKey(ScalerNames.MinMax, ReductionChoice.None), Data, new SweepPhases(TimeProvider.System), trials: 3);
        Assert.NotNull(group.Get().Data);

        group.TrialDone();
        group.TrialDone();
        Assert.False(group.Released);
        Assert.NotNull(group.Get().Data);

        group.TrialDone();
        Assert.True(group.Released);
        Assert.Throws<InvalidOperationException>(() => group.Get());
        Assert.Throws<InvalidOperationException>(group.TrialDone);
    }

    [Fact]
    public void Get_SettingTheDataCannotTake_ReturnsTheErrorForEachTrialInsteadOfThrowing()
    {
        // Five PCA components from three features: the trials fail with the reason, the sweep goes on.
        var group = new GroupPreparation(new PreprocessingKey(ScalerNames.Standard, new ReductionChoice(5, null)), Data, new SweepPhases(TimeProvider.System), trials: 2);

        var (first, error) = group.Get();
        var (second, again) = group.Get();

        Assert.Null(first);
        Assert.Null(second);
        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.Same(error, again);
    }

    private static TrainingData MakeData()
    {
        var random = new Random(3);
        var x = new Matrix(200, 3);
        for (var i = 0; i < x.Rows; i++)
        {
            for (var f = 0; f < x.Cols; f++)
            {
                x[i, f] = random.NextDouble() * (f + 1);
            }
        }

        return new TrainingData([.. Enumerable.Range(1, x.Rows).Select(i => (long)i)], ["recency", "frequency", "monetary"], x, new string('b', 64), "synthetic.csv");
    }
}
