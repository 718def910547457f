using System.Globalization;
using Segmentation.Core.Errors;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.SingleFit;

namespace Segmentation.Monitoring.Drift;

/// <summary>
/// The model's own configuration — algorithm, hyperparameters, scaler, reduction and seed — read back from its run's
/// params, to refit on the new customers exactly as <c>segment cluster</c> (and a sweep trial) would fit it.
/// </summary>
/// <param name="Request">The fit to run, or null when the params do not describe one.</param>
/// <param name="Configuration">The run's name (e.g. <c>kmeans-k5-log1p+minmax-pca2</c>), for the report.</param>
/// <param name="Reason">Why there is no request, or null.</param>
public sealed record RefitPlan(SingleFitRequest? Request, string? Configuration, string? Reason)
{
    /// <summary>Rebuilds the request from a trial run's flat params (<c>algorithm</c>, <c>k</c>, <c>scaler</c>, <c>reduction</c>, …, <c>seed</c>).</summary>
    public static RefitPlan FromRunParams(IReadOnlyDictionary<string, string> parameters, string? runName, AlgorithmRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        registry ??= AlgorithmRegistry.Default;
        if (!parameters.TryGetValue("algorithm", out var algorithm) || registry.Find(algorithm) is not { } descriptor)
        {
            return new RefitPlan(null, runName, "the model run records no known algorithm param");
        }

        try
        {
            var values = new ParameterValues(descriptor.Parameters
                .Where(p => parameters.ContainsKey(p.ParamKey))
                .Select(p => new KeyValuePair<string, object>(p.Name, parameters[p.ParamKey])));
            var reduction = parameters.GetValueOrDefault("reduction", "none") == "none"
                ? ReductionChoice.None
                : new ReductionChoice(
                    parameters.TryGetValue("pca.components", out var c) ? int.Parse(c, CultureInfo.InvariantCulture) : null,
                    parameters.TryGetValue("pca.variance", out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : null);
            var seed = int.Parse(parameters.GetValueOrDefault("seed", "0"), CultureInfo.InvariantCulture);
            var request = SingleFitRequest.Create(algorithm, values, parameters.GetValueOrDefault("scaler", "none"), reduction, seed, registry);
            request.Validate();
            return new RefitPlan(request, runName, null);
        }
        catch (Exception ex) when (ex is UsageException or FormatException or OverflowException)
        {
            return new RefitPlan(null, runName, "the model run's params do not rebuild its configuration: " + ex.Message);
        }
    }
}
