namespace Segmentation.Runner.Algorithms;

/// <summary>
/// One hyperparameter of an algorithm and its allowed values, declared once on the descriptor so that config binding,
/// <c>segment cluster</c> and any search strategy (grid, random, a sampler) read the same limits.
/// </summary>
/// <param name="Name">The key under <c>search.algorithms.&lt;algorithm&gt;</c>; <c>segment cluster</c> spells it <c>--name-with-dashes</c>.</param>
/// <param name="ParamKey">The flat MLflow param key a trial logs it under (e.g. <c>kmeans.n_init</c>).</param>
public abstract record ParameterConstraint(string Name, string ParamKey)
{
    /// <summary>The value used when a config or a command line leaves the parameter out; null when it is required.</summary>
    public abstract object? DefaultValue { get; }

    /// <summary>The allowed values in words, for help text and messages (e.g. <c>an integer from 2 to 100</c>).</summary>
    public abstract string Describe();
}
