using System.Globalization;
using Segmentation.Clustering.Metrics;
using Segmentation.Core.Json;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.SingleFit;

/// <summary>Fits one configuration exactly as a sweep fits one trial (same preprocessing, fitter and metrics), without tracking.</summary>
public static class SingleFitRunner
{
    /// <summary>Validates <paramref name="request"/>, builds its trial, preprocesses <paramref name="data"/>, fits and scores it.</summary>
    /// <exception cref="Core.Errors.UsageException">A bad setting, or one the data cannot satisfy (k above the customer count).</exception>
    public static SingleFitResult Fit(TrainingData data, SingleFitRequest request)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (request.Options.Clusters is { } k)
        {
            ClusterCount.CheckFits(k, data.Features.Rows, request.Options.Algorithm);
        }

        var trial = BuildTrial(data, request);

        var prepared = PreprocessedData.Fit(trial.Preprocessing, data.Features, data.FeatureNames);
        var result = TrialExecutor.Execute(trial, prepared, TimeProvider.System, data.Revenue);
        return new SingleFitResult(
            trial, result.Pipeline, data.FeatureNames, data.CustomerIds, result.Labels, result.Metrics, ClusterSizes.Of(result.Labels));
    }

    /// <summary>The trial a sweep would log for this request, with the request's seed used as the trial seed.</summary>
    public static Trial BuildTrial(TrainingData data, SingleFitRequest request)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(request);
        var options = request.Options;
        var parameters = SweepPlanner.BuildParams(request.Scaler, request.Reduction, options, string.Join(",", data.FeatureNames))
            .Append(new("seed", request.Seed.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        var hash = SweepPlanner.TrialHash(data.Digest, CanonicalJson.Of(parameters), ToolVersion.Current);
        return new Trial(0, request.Scaler, request.Reduction, options, request.Seed, parameters, SweepPlanner.RunName(request.Scaler, request.Reduction, options), hash);
    }
}
