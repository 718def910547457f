using Segmentation.Clustering.Scaling;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Runner.SingleFit;

namespace Segmentation.Runner.Tests.Execution;

public sealed class TrialExecutorTests
{
    private static readonly TrainingData Data = new SyntheticDataSource().Load(null!, "/", CancellationToken.None);

    [Fact]
    public void Execute_KMeansTrial_MetricsAreTheLabelMetricsPlusTheFitTimeFromTheClock()
    {
        var (trial, prepared) = Prepare("kmeans", ("k", 3));
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(250));

        var result = TrialExecutor.Execute(trial, prepared, clock);

        var expected = TrialMetrics.Compute(prepared, TrialFitter.Fit(trial, prepared));
        Assert.Equal(expected.Keys.Append(MetricNames.FitSeconds).Order(StringComparer.Ordinal), result.Metrics.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, m => Assert.Equal(m.Value, result.Metrics[m.Key]));
        Assert.Equal(0.25, result.Metrics[MetricNames.FitSeconds], 12);
        Assert.Equal(3, result.Metrics[MetricNames.ClusterCount]);
        Assert.Equal(Data.Features.Rows, result.Labels.Length);
        Assert.Equal(result.Labels, result.Pipeline.Predict(Data.Features, Data.FeatureNames));
    }

    [Fact]
    public void Execute_WithPhaseTimers_AddsTheFitToFitsAndTheScoringToMetrics()
    {
        var (trial, prepared) = Prepare("kmeans", ("k", 3));
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(250));
        var phases = new SweepPhases(clock);

        TrialExecutor.Execute(trial, prepared, clock, phases: phases);
        TrialExecutor.Execute(trial, prepared, clock, phases: phases);

        // Each elapsed-time read is one step after its start: two trials add two steps to each phase, and nothing elsewhere.
        Assert.Equal(0.5, phases.Seconds(SweepPhase.Fits), 12);
        Assert.Equal(0.5, phases.Seconds(SweepPhase.Metrics), 12);
        Assert.All(Enum.GetValues<SweepPhase>().Except([SweepPhase.Fits, SweepPhase.Metrics]), p => Assert.Equal(0, phases.Seconds(p)));
    }

    [Fact]
    public void Execute_TableAboveTheExactSilhouetteLimit_SilhouetteSampledAndItsSizeADerivedParam()
    {
        var (trial, prepared) = Prepare("kmeans", ("k", 3));
        var large = new PreprocessedData(prepared.Key, prepared.Preprocessor, prepared.Transformed, exactSilhouetteMaxRows: 50);

        var sampled = TrialExecutor.Execute(trial, large, TimeProvider.System);
        var exact = TrialExecutor.Execute(trial, prepared, TimeProvider.System);

        Assert.Equal([KeyValuePair.Create(TrialExecutor.SilhouetteSampleSizeParam, "50")], sampled.DerivedParams);
        Assert.Empty(exact.DerivedParams);
        Assert.Equal(large.Silhouette(sampled.Labels, trial.Seed), sampled.Metrics[MetricNames.Silhouette]);
        Assert.Equal(prepared.Silhouette(exact.Labels), exact.Metrics[MetricNames.Silhouette]);
    }

    [Theory]
    [InlineData("kmeans")]
    [InlineData("gmm")]
    [InlineData("agglomerative")]
    public void Execute_SameTrialTwice_IdenticalLabelsAndScores(string algorithm)
    {
        var (trial, prepared) = Prepare(algorithm, ("k", 3));

        var a = TrialExecutor.Execute(trial, prepared, TimeProvider.System);
        var b = TrialExecutor.Execute(trial, prepared, TimeProvider.System);

        Assert.Equal(a.Labels, b.Labels);
        Assert.All(a.Metrics.Where(m => m.Key != MetricNames.FitSeconds), m => Assert.Equal(m.Value, b.Metrics[m.Key]));
    }

    [Fact]
    public void Execute_KAboveTheRowsOfTheMatrix_ThrowsForTheCallerToLogTheTrialFailed()
    {
        var small = new SyntheticDataSource(rows: 4).Load(null!, "/", CancellationToken.None);
        var trial = SingleFitRunner.BuildTrial(small, Request("kmeans", ("k", 6)));
        var prepared = PreprocessedData.Fit(trial.Preprocessing, small.Features, small.FeatureNames);

        Assert.ThrowsAny<ArgumentException>(() => TrialExecutor.Execute(trial, prepared, TimeProvider.System));
    }

    private static (Trial Trial, PreprocessedData Prepared) Prepare(string algorithm, params (string Name, object Value)[] values)
    {
        var trial = SingleFitRunner.BuildTrial(Data, Request(algorithm, values));
        return (trial, PreprocessedData.Fit(trial.Preprocessing, Data.Features, Data.FeatureNames));
    }

    private static SingleFitRequest Request(string algorithm, params (string Name, object Value)[] values) =>
        SingleFitRequest.Create(
            algorithm, new ParameterValues(values.Select(v => new KeyValuePair<string, object>(v.Name, v.Value))), ScalerNames.Standard, ReductionChoice.None, 7);

    // Each timestamp read advances by a fixed step, so elapsed time between two reads is exactly the step.
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks) - step.Ticks;
    }
}
