using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Segmentation.Core.Json;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Planning;

/// <summary>Turns a sweep config into a deterministic, ordered list of trials.</summary>
/// <remarks>
/// Grid order is scaler, then reduction, then algorithm (config order), then the algorithm's own settings with k
/// varying fastest — so trials sharing preprocessing are adjacent and per-k curves are contiguous. Random search
/// samples without replacement with a seeded shuffle and keeps the sample in grid order. An adaptive strategy (tpe) gets
/// every combination as its candidates, in grid order; which of them run is decided while the sweep runs.
/// </remarks>
public static class SweepPlanner
{
    /// <summary>Plans the trials of <paramref name="config"/> on a dataset with the given digest and feature columns.</summary>
    /// <param name="config">The validated sweep.</param>
    /// <param name="configHash">The effective config's hash.</param>
    /// <param name="datasetDigest">Digest of the feature table.</param>
    /// <param name="features">The feature columns trials cluster on, in order.</param>
    /// <param name="toolVersion">The tool version, part of every trial hash.</param>
    public static SweepPlan Plan(SweepConfig config, string configHash, string datasetDigest, IReadOnlyList<string> features, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(features);
        var combinations = new List<(string Scaler, ReductionChoice Reduction, TrialOptions Options)>();
        foreach (var scaler in config.Search.Scalers)
        {
            foreach (var reduction in config.Search.Reductions)
            {
                foreach (var algorithm in config.Search.Algorithms)
                {
                    combinations.AddRange(algorithm.Expand().Select(v => (scaler, reduction, v)));
                }
            }
        }

        var chosen = Choose(combinations.Count, config.Strategy, config.Seed);
        var featureList = string.Join(",", features);
        var trials = new List<Trial>(chosen.Count);
        foreach (var position in chosen)
        {
            var (scaler, reduction, options) = combinations[position];
            var paramsWithoutSeed = BuildParams(scaler, reduction, options, featureList);
            var paramsJson = CanonicalJson.Of(paramsWithoutSeed);
            var seed = DeriveSeed(config.Seed, paramsJson);
            var parameters = paramsWithoutSeed.Append(new("seed", seed.ToString(CultureInfo.InvariantCulture))).ToList();
            var hash = TrialHash(datasetDigest, CanonicalJson.Of(parameters), toolVersion);
            trials.Add(new Trial(trials.Count, scaler, reduction, options, seed, parameters, RunName(scaler, reduction, options), hash));
        }

        var sweepId = config.Strategy.IsAdaptive
            ? SweepId(datasetDigest, trials.Select(t => t.Hash), config.Strategy.IdentityText(config.Seed))
            : SweepId(datasetDigest, trials.Select(t => t.Hash));
        return new SweepPlan(trials, configHash, datasetDigest, sweepId, combinations.Count);
    }

    /// <summary>
    /// The sweep key: the first 16 hex digits of SHA-256 over the dataset digest and the sorted trial hashes. A sweep is
    /// the set of trials it plans, so its id — and its parent run — survive edits that change no trial (objective,
    /// constraints, gate, registry) and are shared by every shard.
    /// </summary>
    public static string SweepId(string datasetDigest, IEnumerable<string> trialHashes)
    {
        ArgumentNullException.ThrowIfNull(trialHashes);
        return CanonicalJson.Sha256Hex(datasetDigest + ":" + string.Join(",", trialHashes.Order(StringComparer.Ordinal)))[..16];
    }

    /// <summary>
    /// The key of an adaptive sweep, which has no fixed list of trials: SHA-256 over the dataset digest, the strategy's
    /// identity (<see cref="SearchStrategy.IdentityText"/>) and the sorted hashes of every candidate it may propose — the
    /// search space. A resumed or enlarged (more <c>max_trials</c>) search keeps its id; another seed or gamma is another sweep.
    /// </summary>
    public static string SweepId(string datasetDigest, IEnumerable<string> candidateHashes, string strategyIdentity)
    {
        ArgumentNullException.ThrowIfNull(candidateHashes);
        return CanonicalJson.Sha256Hex(datasetDigest + ":" + strategyIdentity + ":" + string.Join(",", candidateHashes.Order(StringComparer.Ordinal)))[..16];
    }

    /// <summary>The trial hash: SHA-256 hex of <c>{"dataset_digest":…,"params":{…},"tool_version":…}</c>.</summary>
    public static string TrialHash(string datasetDigest, string canonicalParamsJson, string toolVersion)
    {
        var text = "{\"dataset_digest\":" + CanonicalJson.Quote(datasetDigest)
            + ",\"params\":" + canonicalParamsJson
            + ",\"tool_version\":" + CanonicalJson.Quote(toolVersion) + "}";
        return CanonicalJson.Sha256Hex(text);
    }

    /// <summary>A readable run name: algorithm, k, the algorithm's non-default settings, scaler, reduction.</summary>
    public static string RunName(string scaler, ReductionChoice reduction, TrialOptions options)
    {
        ArgumentNullException.ThrowIfNull(reduction);
        ArgumentNullException.ThrowIfNull(options);
        var parts = new List<string> { options.Algorithm };
        if (options.Clusters is { } k)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"k{k}"));
        }

        parts.AddRange(options.RunNameTokens());
        parts.Add(scaler);
        if (reduction.IsPca)
        {
            parts.Add(reduction.Label);
        }

        return string.Join('-', parts);
    }

    /// <summary>A trial's flat params without its seed: algorithm, k, scaler, reduction, the algorithm's settings, features.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> BuildParams(string scaler, ReductionChoice reduction, TrialOptions options, string features)
    {
        ArgumentNullException.ThrowIfNull(reduction);
        ArgumentNullException.ThrowIfNull(options);
        var list = new List<KeyValuePair<string, string>> { new("algorithm", options.Algorithm) };
        if (options.Clusters is { } k)
        {
            list.Add(new("k", k.ToString(CultureInfo.InvariantCulture)));
        }

        list.Add(new("scaler", scaler));
        list.AddRange(reduction.Params());
        list.AddRange(options.Settings());
        list.Add(new("features", features));
        return list;
    }

    // A trial's seed depends only on the sweep seed and what the trial is, so any core count and any shard reproduce it.
    private static int DeriveSeed(int sweepSeed, string canonicalParams)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(sweepSeed.ToString(CultureInfo.InvariantCulture) + ":" + canonicalParams));
        return (int)(BinaryPrimitives.ReadUInt32LittleEndian(bytes) & 0x7FFF_FFFF);
    }

    private static List<int> Choose(int count, SearchStrategy strategy, int sweepSeed)
    {
        var all = Enumerable.Range(0, count).ToList();
        if (strategy.IsAdaptive)
        {
            // An adaptive search plans no trials: every combination is a candidate it may propose (Tuning/AdaptiveSearch).
            return all;
        }

        if (strategy.Kind == StrategyKind.Grid)
        {
            return strategy.MaxTrials is { } cap && cap < count ? all.GetRange(0, cap) : all;
        }

        return Sample(count, Math.Min(strategy.MaxTrials ?? count, count), strategy.Seed ?? sweepSeed);
    }

    /// <summary><paramref name="take"/> of the positions 0..<paramref name="count"/>−1 without replacement, seeded, in ascending order.</summary>
    internal static List<int> Sample(int count, int take, int seed)
    {
        var all = Enumerable.Range(0, count).ToList();
        var random = SplitMix64.FromSeed(seed);
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (all[i], all[j]) = (all[j], all[i]);
        }

        var sample = all.GetRange(0, take);
        sample.Sort();
        return sample;
    }
}
