using Segmentation.Clustering.Pipeline;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Execution;

/// <summary>A fitted and scored trial: what the executor hands to tracking (a sweep) or to the console (<c>segment cluster</c>).</summary>
/// <param name="Trial">The trial that was fitted.</param>
/// <param name="Fit">The model, the label of every training row and the algorithm's own metrics.</param>
/// <param name="Pipeline">Preprocessing plus model, as serialised into the model folder.</param>
/// <param name="Metrics">Every metric of the trial, by MLflow key, including <c>fit_seconds</c>.</param>
public sealed record TrialResult(Trial Trial, FitResult Fit, FittedPipeline Pipeline, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>Params the execution decided (e.g. <c>silhouette.sample_size</c> on a large table), logged with the metrics.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> DerivedParams { get; init; } = [];

    /// <summary>Cluster of each training row (−1 = noise).</summary>
    public int[] Labels => Fit.Labels;
}
