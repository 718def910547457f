namespace Segmentation.Runner.Algorithms;

/// <summary>A hyperparameter taking one of a fixed list of words, whatever type the words stand for.</summary>
/// <param name="Name">The config key.</param>
/// <param name="ParamKey">The flat MLflow param key.</param>
public abstract record CategoricalConstraint(string Name, string ParamKey) : ParameterConstraint(Name, ParamKey)
{
    /// <summary>The allowed words, in the order messages list them.</summary>
    public abstract IReadOnlyList<string> Choices { get; }

    /// <inheritdoc/>
    public override string Describe() => "one of: " + string.Join(", ", Choices);
}
