namespace Segmentation.Runner.Algorithms;

/// <summary>
/// The typed hyperparameters of one trial of one algorithm. The flat MLflow params and the run-name tokens are derived
/// from them (never parsed back), so what is fitted and what is logged cannot disagree.
/// </summary>
public abstract record TrialOptions
{
    /// <summary>The algorithm these options belong to; it fits them.</summary>
    public abstract IAlgorithmDescriptor Descriptor { get; }

    /// <summary>The algorithm name as logged.</summary>
    public string Algorithm => Descriptor.Name;

    /// <summary>Number of clusters asked for; null when the algorithm finds it (DBSCAN).</summary>
    public abstract int? Clusters { get; }

    /// <summary>The algorithm's own params as flat MLflow keys and invariant text, in a fixed order (k is logged separately).</summary>
    public abstract IReadOnlyList<KeyValuePair<string, string>> Settings();

    /// <summary>The run-name tokens after <c>&lt;algorithm&gt;-k&lt;k&gt;</c>: non-default settings, in a fixed order.</summary>
    public abstract IReadOnlyList<string> RunNameTokens();

    /// <summary>Throws a <see cref="Core.Errors.UsageException"/> naming the first value outside its declared constraint.</summary>
    public abstract void Validate();
}
