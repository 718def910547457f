using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Planning;

/// <summary>One planned trial: a scaler, a reduction and an algorithm setting, with its seed, params, run name and hash.</summary>
/// <param name="Index">Position in the full plan (0-based); shards and progress refer to it.</param>
/// <param name="Scaler">Scaler name.</param>
/// <param name="Reduction">Dimension-reduction choice.</param>
/// <param name="Options">The algorithm and its typed hyperparameters; the algorithm params in <paramref name="Params"/> are derived from them.</param>
/// <param name="Seed">The trial's own random seed, derived from the sweep seed and the params (never from scheduling).</param>
/// <param name="Params">Every effective param as flat MLflow keys, in a fixed order.</param>
/// <param name="RunName">Readable run name, e.g. <c>kmeans-k5-robust-pca3</c>.</param>
/// <param name="Hash">SHA-256 hex over the dataset digest, the canonical params and the tool version.</param>
public sealed record Trial(
    int Index,
    string Scaler,
    ReductionChoice Reduction,
    TrialOptions Options,
    int Seed,
    IReadOnlyList<KeyValuePair<string, string>> Params,
    string RunName,
    string Hash)
{
    /// <summary>The algorithm name.</summary>
    public string Algorithm => Options.Algorithm;

    /// <summary>The preprocessing this trial shares with others: trials with equal keys reuse one fitted matrix.</summary>
    public PreprocessingKey Preprocessing => new(Scaler, Reduction);
}
