namespace Segmentation.Runner.Configuration;

/// <summary>One concrete algorithm setting from a search space: the algorithm, its k (null for DBSCAN) and its other settings.</summary>
/// <param name="Algorithm">Algorithm name as logged: kmeans, gmm, agglomerative or dbscan.</param>
/// <param name="K">Number of clusters asked for; null when the algorithm finds it (DBSCAN).</param>
/// <param name="Settings">Further hyperparameters as flat MLflow param keys (e.g. <c>kmeans.n_init</c>) and invariant text values, in a fixed order.</param>
public sealed record AlgorithmVariant(string Algorithm, int? K, IReadOnlyList<KeyValuePair<string, string>> Settings)
{
    /// <summary>The value of a setting; throws naming the key when the variant does not have it.</summary>
    public string Setting(string key) =>
        Settings.FirstOrDefault(s => s.Key == key).Value
        ?? throw new KeyNotFoundException($"algorithm '{Algorithm}' has no setting '{key}'; it has: {string.Join(", ", Settings.Select(s => s.Key))}");
}
