using Segmentation.Data.Configuration;
using Segmentation.Runner.Execution;

namespace Segmentation.Runner.Algorithms;

/// <summary>
/// Everything the runner knows about one clustering algorithm: its name, its parameters with their allowed values,
/// how a config section binds and expands into trials, which <c>segment cluster</c> options it reads, and how it fits.
/// </summary>
public interface IAlgorithmDescriptor
{
    /// <summary>The config key, the <c>algorithm</c> param value and the run-name prefix.</summary>
    string Name { get; }

    /// <summary>Every hyperparameter with its constraint, in config-key order (k first when the algorithm takes one).</summary>
    IReadOnlyList<ParameterConstraint> Parameters { get; }

    /// <summary>The <c>segment cluster</c> options this algorithm reads.</summary>
    IReadOnlyList<ClusterOption> ClusterOptions { get; }

    /// <summary>
    /// The radius-like parameters (a distance in the preprocessed space, such as DBSCAN's <c>eps</c>) that a fit on a share
    /// f of the customers must widen by f^(−1/d) in d dimensions to hold as many neighbours as on all of them; empty when
    /// every parameter transfers to a subsample as is.
    /// </summary>
    IReadOnlyList<RealRange> SubsampleRadii { get; }

    /// <summary>Binds <c>search.algorithms.&lt;name&gt;</c>; unknown keys and bad values throw a located <see cref="ConfigException"/>.</summary>
    AlgorithmSpace Bind(ConfigMapping section);

    /// <summary>Typed options from named values (a command line, a sampler); bad or missing values throw a <see cref="Core.Errors.UsageException"/>.</summary>
    TrialOptions Read(ParameterValues values);

    /// <summary>Fits <paramref name="options"/> on the preprocessed matrix, single-threaded and seeded with <paramref name="seed"/> only.</summary>
    FitResult Fit(TrialOptions options, int seed, PreprocessedData data);
}
