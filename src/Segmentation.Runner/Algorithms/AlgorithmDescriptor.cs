using Segmentation.Core.Errors;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Execution;

namespace Segmentation.Runner.Algorithms;

/// <summary>The base of a descriptor whose trials carry <typeparamref name="TOptions"/>: unknown config keys are rejected from <see cref="Parameters"/>.</summary>
/// <typeparam name="TOptions">The algorithm's typed trial options.</typeparam>
public abstract class AlgorithmDescriptor<TOptions> : IAlgorithmDescriptor
    where TOptions : TrialOptions
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract IReadOnlyList<ParameterConstraint> Parameters { get; }

    /// <inheritdoc/>
    public abstract IReadOnlyList<ClusterOption> ClusterOptions { get; }

    /// <inheritdoc/>
    /// <remarks>None unless the algorithm declares some.</remarks>
    public virtual IReadOnlyList<RealRange> SubsampleRadii => [];

    /// <inheritdoc/>
    public AlgorithmSpace Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        // The declared parameters are the only keys, so a parameter cannot be bound without being declared.
        section.RejectUnknownKeys([.. Parameters.Select(p => p.Name)]);
        return BindSpace(section);
    }

    /// <summary>Typed options from named values; a name that is not a declared parameter is an error, not ignored.</summary>
    public TOptions Read(ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var unknown = values.Names.FirstOrDefault(n => !Parameters.Any(p => p.Name == n));
        if (unknown is not null)
        {
            throw new UsageException($"unknown parameter '{unknown}' for {Name}; allowed: {string.Join(", ", Parameters.Select(p => p.Name))}");
        }

        return ReadOptions(values);
    }

    /// <summary>Fits validated options; see <see cref="IAlgorithmDescriptor.Fit"/>.</summary>
    public abstract FitResult Fit(TOptions options, int seed, PreprocessedData data);

    TrialOptions IAlgorithmDescriptor.Read(ParameterValues values) => Read(values);

    FitResult IAlgorithmDescriptor.Fit(TrialOptions options, int seed, PreprocessedData data)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        if (options is not TOptions typed || !ReferenceEquals(options.Descriptor, this))
        {
            throw new InvalidOperationException($"{Name} cannot fit {options.Algorithm} options ({options.GetType().Name})");
        }

        // Hand-built options get the same checks as bound ones: a value outside its constraint never reaches the fitter.
        typed.Validate();
        return Fit(typed, seed, data);
    }

    /// <summary>Reads every declared parameter from <paramref name="values"/> through its constraint.</summary>
    protected abstract TOptions ReadOptions(ParameterValues values);

    /// <summary>Binds the section's values once its keys are known to be declared parameters.</summary>
    protected abstract AlgorithmSpace BindSpace(ConfigMapping section);
}
