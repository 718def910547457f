using System.Globalization;
using Segmentation.Clustering.Scaling;
using Segmentation.Core.Errors;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.SingleFit;

/// <summary>One clustering configuration to fit outside a sweep (<c>segment cluster</c>); defaults match the sweep's.</summary>
/// <param name="Options">The algorithm and its typed hyperparameters.</param>
/// <param name="Scaler">Scaler name (see <see cref="ScalerNames"/>).</param>
/// <param name="Reduction">No reduction, or PCA to a component count or a share of variance.</param>
/// <param name="Seed">Random seed of the fit, used as is (a sweep derives each trial's seed instead).</param>
public sealed record SingleFitRequest(TrialOptions Options, string Scaler, ReductionChoice Reduction, int Seed)
{
    /// <summary>
    /// A request for the algorithm named <paramref name="algorithm"/> in <paramref name="registry"/> (default: the shipped
    /// ones) with its parameters read from <paramref name="values"/>; absent parameters take their declared defaults.
    /// </summary>
    /// <exception cref="UsageException">An unknown algorithm or a value outside its parameter's constraint.</exception>
    public static SingleFitRequest Create(
        string algorithm, ParameterValues values, string scaler, ReductionChoice reduction, int seed, AlgorithmRegistry? registry = null)
    {
        var descriptor = (registry ?? AlgorithmRegistry.Default).Get(algorithm);
        return new SingleFitRequest(descriptor.Read(values), scaler, reduction, seed);
    }

    /// <summary>Throws a <see cref="UsageException"/> naming the setting and the allowed values for any bad setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Options);
        ArgumentNullException.ThrowIfNull(Reduction);
        if (!ScalerNames.IsValid(Scaler))
        {
            throw new UsageException($"Unknown scaler '{Scaler}'; expected one of: {ScalerNames.Allowed}.");
        }

        if (Reduction.Components is < 1)
        {
            throw new UsageException(Invariant($"PCA needs at least 1 component, found {Reduction.Components}"));
        }

        if (Reduction.Variance is { } v && !(v > 0 && v < 1))
        {
            throw new UsageException(Invariant($"PCA share of variance must be strictly between 0 and 1, found {v}"));
        }

        Options.Validate();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
