using System.Diagnostics;
using System.Globalization;
using System.Text;
using Segmentation;
using Segmentation.Clustering;
using Segmentation.Data.Versioning;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Planning.Tuning;
using Segmentation.Runner.Selection;

// Best eligible objective of tpe vs random at budgets 20/40/80 over 10 seeds, on the shipped data and on synthetic data
// with known structure. Every candidate of configs/tpe.yaml's space is fitted once (trials are deterministic: each seed
// derives from its params), then each strategy is replayed over that table exactly as the sweep would run it: random
// through SweepPlanner, tpe through AdaptiveSearch.NextBatch with batches of 2 (this machine's cores).
//   dotnet run -c Release --project bench/tuner -- [REPO_ROOT] [--out bench/tuner/results.md]
var root = Path.GetFullPath(args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? ".");
var outIndex = Array.IndexOf(args, "--out");
var outPath = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : Path.Combine(root, "bench", "tuner", "results.md");
var loaded = SweepConfigLoader.Load(new SweepConfigRequest("configs/tpe.yaml", null, root, Environment.GetEnvironmentVariable));
var store = new DatasetStore(DatasetStore.ResolveRoot(null, Environment.GetEnvironmentVariable, root), TimeProvider.System);
var shipped = new FeaturePipelineDataSource(store).Load(loaded, root, CancellationToken.None);
var trace = args.Contains("--trace");
// --synthetic-seed N draws another synthetic table of the same design (a held-out check that a rule is not fitted to one draw).
var seedIndex = Array.IndexOf(args, "--synthetic-seed");
var syntheticSeed = seedIndex >= 0 && seedIndex + 1 < args.Length ? int.Parse(args[seedIndex + 1], CultureInfo.InvariantCulture) : 20_111;
var report = new StringBuilder();
report.Append(CultureInfo.InvariantCulture, $"Space: configs/tpe.yaml; objective {loaded.Config.Objective.Metric} under its constraints (min_stability left out: it is measured after a search).\n\n");
foreach (var (name, data) in new[] { ("shipped (Online Retail, " + shipped.CustomerIds.Length + " customers)", shipped), ("synthetic (4 blobs, 2,000 rows" + (syntheticSeed == 20_111 ? string.Empty : ", generator seed " + syntheticSeed.ToString(CultureInfo.InvariantCulture)) + ")", Synthetic(2000, syntheticSeed)) })
{
    report.Append(trace ? Trace(name, data, loaded.Config) : Bench(name, data, loaded.Config));
}

if (trace)
{
    Console.Write(report);
    return;
}

Console.Write(report);
File.WriteAllText(outPath, report.ToString());
return;

static string Bench(string name, TrainingData data, SweepConfig config)
{
    var plan = SweepPlanner.Plan(config, "bench", data.Digest, data.FeatureNames, ToolVersion.Current);
    var wall = Stopwatch.StartNew();
    var table = new Dictionary<string, (TrialRun Run, double Seconds)>(StringComparer.Ordinal);
    Evaluate(plan.Trials, data, table);
    var constraints = TrialScore.SearchConstraints(config.Constraints);
    var scores = table.ToDictionary(t => t.Key, t => TrialScore.Of(t.Value.Run, config.Objective, constraints), StringComparer.Ordinal);
    var gridBest = scores.Values.Max() ?? double.NaN;
    var gridBestName = table.Where(t => scores[t.Key] == gridBest).Select(t => t.Value.Run.RunName).Order(StringComparer.Ordinal).FirstOrDefault();
    var gridCpu = table.Values.Sum(t => t.Seconds);
    var text = new StringBuilder();
    text.Append(CultureInfo.InvariantCulture, $"## {name}\n\n{plan.Trials.Count} candidates fitted one at a time in {wall.Elapsed.TotalSeconds:F0} s wall; full grid: best {gridBest:F4} ({gridBestName}), {gridCpu:F1} CPU s.\n\n");
    text.Append("| budget | strategy | mean best | sd | worst | seeds at grid best | mean CPU s |\n|---:|---|---:|---:|---:|---:|---:|\n");
    foreach (var budget in new[] { 20, 40, 80 })
    {
        // The default tpe, then the variants that show what its settings do: hyperopt's gamma, and a shorter random start.
        foreach (var (label, settings) in new (string, TpeSettings?)[]
        {
            ("random", null),
            ("tpe", TpeSettings.Default),
            ("tpe γ 0.25", TpeSettings.Default with { Gamma = 0.25 }),
            ("tpe startup 5", TpeSettings.Default with { StartupTrials = 5 }),
        })
        {
            var bests = new List<double>();
            var cpu = new List<double>();
            for (var seed = 0; seed < 10; seed++)
            {
                var chosen = settings is null ? RandomTrials(config, data, budget, seed) : TpeTrials(config, data, table, budget, seed, settings);
                bests.Add(chosen.Select(h => scores.GetValueOrDefault(h)).Max() ?? double.NaN);
                cpu.Add(chosen.Where(table.ContainsKey).Sum(h => table[h].Seconds));
            }

            var mean = bests.Average();
            var sd = Math.Sqrt(bests.Sum(b => (b - mean) * (b - mean)) / (bests.Count - 1));
            text.Append(CultureInfo.InvariantCulture, $"| {budget} | {label} | {mean:F4} | {sd:F4} | {bests.Min():F4} | {bests.Count(b => b >= gridBest - 1e-12)}/10 | {cpu.Average():F1} |\n");
        }
    }

    // Halving over every candidate (1/9, 1/3, all of the customers; eta 3), and from a seeded sample of 20/40/80 candidates.
    text.Append("\n| halving candidates | mean best | sd | worst | seeds within 1 % of grid best | mean CPU s | CPU vs grid |\n|---:|---:|---:|---:|---:|---:|---:|\n");
    foreach (var candidates in new int?[] { 20, 40, 80, null })
    {
        var runs = Enumerable.Range(0, 10).Select(seed => Halving(config, data, table, candidates, seed)).ToList();
        var mean = runs.Average(r => r.Best);
        var sd = Math.Sqrt(runs.Sum(r => (r.Best - mean) * (r.Best - mean)) / (runs.Count - 1));
        var within = runs.Count(r => r.Best >= gridBest - (0.01 * Math.Abs(gridBest)));
        var cpu = runs.Average(r => r.Seconds);
        text.Append(CultureInfo.InvariantCulture, $"| {candidates?.ToString(CultureInfo.InvariantCulture) ?? "all " + plan.Trials.Count} | {mean:F4} | {sd:F4} | {runs.Min(r => r.Best):F4} | {within}/10 | {cpu:F1} | {cpu / gridCpu:P0} |\n");
    }

    return text.Append('\n').ToString();
}

static List<string> RandomTrials(SweepConfig config, TrainingData data, int budget, int seed)
{
    var random = config with { Strategy = new SearchStrategy(StrategyKind.Random, budget, seed) };
    return [.. SweepPlanner.Plan(random, "bench", data.Digest, data.FeatureNames, ToolVersion.Current).Trials.Select(t => t.Hash)];
}

static List<string> TpeTrials(SweepConfig config, TrainingData data, Dictionary<string, (TrialRun Run, double Seconds)> table, int budget, int seed, TpeSettings settings)
{
    var tpe = config with
    {
        Strategy = new SearchStrategy(StrategyKind.Tpe, budget, seed) { Tpe = settings with { BatchSize = 2 } },
    };
    var plan = SweepPlanner.Plan(tpe, "bench", data.Digest, data.FeatureNames, ToolVersion.Current);
    var search = new AdaptiveSearch(plan, tpe, TimeProvider.System);
    var finished = new Dictionary<string, TrialRun>(StringComparer.Ordinal);
    var failed = new HashSet<string>(StringComparer.Ordinal);
    while (search.NextBatch(finished, failed, 2, ShardSpec.All) is { Count: > 0 } batch)
    {
        foreach (var trial in batch)
        {
            if (table.TryGetValue(trial.Hash, out var row))
            {
                finished[trial.Hash] = row.Run;
            }
            else
            {
                failed.Add(trial.Hash);
            }
        }
    }

    return [.. finished.Keys];
}

// Fits trials not yet in the table, preprocessing shared per (scaler, reduction) as the sweep does, one at a time so the
// process CPU time around each fit is that trial's. A failed fit (a setting this data cannot take) gets no row.
static void Evaluate(IEnumerable<Trial> trials, TrainingData data, Dictionary<string, (TrialRun Run, double Seconds)> table)
{
    using var process = Process.GetCurrentProcess();
    foreach (var group in trials.Where(t => !table.ContainsKey(t.Hash)).GroupBy(t => t.Preprocessing))
    {
        process.Refresh();
        var before = process.TotalProcessorTime;
        var prepared = PreprocessedData.Fit(group.Key, data.Features, data.FeatureNames);
        process.Refresh();
        // The shared preprocessing is charged to the group's first trial, as a sweep pays it once per group.
        var carry = (process.TotalProcessorTime - before).TotalSeconds;
        foreach (var trial in group)
        {
            process.Refresh();
            before = process.TotalProcessorTime;
            try
            {
                var result = TrialExecutor.Execute(trial, prepared, TimeProvider.System, data.Revenue);
                process.Refresh();
                var run = new TrialRun(trial.Hash, trial.RunName, trial.Hash, trial.Params.ToDictionary(p => p.Key, p => p.Value), result.Metrics, string.Empty);
                table[trial.Hash] = (run, carry + (process.TotalProcessorTime - before).TotalSeconds);
                carry = 0;
            }
            catch (ArgumentException)
            {
            }
        }
    }
}

// --trace: for every seed where halving over all candidates ends more than 1 % below the grid's best, each candidate
// within 1 % of the grid's best (the ones that would have met the target): the rung it was dropped at, its objective and
// constraint verdicts there, its rank, and the rung's cut (the score of the last survivor).
static string Trace(string name, TrainingData data, SweepConfig config)
{
    var plan = SweepPlanner.Plan(config, "bench", data.Digest, data.FeatureNames, ToolVersion.Current);
    var table = new Dictionary<string, (TrialRun Run, double Seconds)>(StringComparer.Ordinal);
    Evaluate(plan.Trials, data, table);
    var constraints = TrialScore.SearchConstraints(config.Constraints);
    double? Score(string hash) => table.TryGetValue(hash, out var row) ? TrialScore.Of(row.Run, config.Objective, constraints) : null;
    // What the rung ranked by: the objective under the constraints with the rung's sampling tolerance.
    double? RungScore(string hash, double fraction) => table.TryGetValue(hash, out var row)
        ? RungConstraints.Score(row.Run, config.Objective, constraints, SuccessiveHalving.SubsampleRows(data.CustomerIds.Length, fraction), data.CustomerIds.Length)
        : null;
    var gridBest = plan.Trials.Max(t => Score(t.Hash)) ?? double.NaN;
    var target = gridBest - (0.01 * Math.Abs(gridBest));
    var text = new StringBuilder();
    text.Append(CultureInfo.InvariantCulture, $"## {name}: grid best {gridBest:F4}, target {target:F4}\n\n");
    foreach (var t in plan.Trials.Where(t => Score(t.Hash) >= target))
    {
        var m = table[t.Hash].Run.Metrics;
        text.Append(CultureInfo.InvariantCulture, $"within 1 %: {t.RunName} {Score(t.Hash):F4} on all rows, k {m[MetricNames.ClusterCount]}, min cluster {m[MetricNames.MinClusterFraction]:F3}, noise {m.GetValueOrDefault(MetricNames.NoiseFraction):F3}\n");
    }

    for (var seed = 0; seed < 10; seed++)
    {
        var rungs = new List<IReadOnlyList<string>>();
        var (best, _) = Halving(config, data, table, null, seed, rungs);
        text.Append(CultureInfo.InvariantCulture, $"seed {seed}: best {best:F4} {(best >= target ? "met" : "MISSED")}\n");
        if (best >= target)
        {
            continue;
        }

        var halving = config with { Strategy = new SearchStrategy(StrategyKind.Halving, null, seed) { Halving = HalvingSettings.Default } };
        var search = new SuccessiveHalving(SweepPlanner.Plan(halving, "bench", data.Digest, data.FeatureNames, ToolVersion.Current), halving);
        foreach (var rung in search.Rungs.Take(search.Rungs.Count - 1))
        {
            var ran = rungs[rung.Index].ToHashSet(StringComparer.Ordinal);
            var next = rungs[rung.Index + 1].ToHashSet(StringComparer.Ordinal);
            var trials = plan.Trials.Where(c => ran.Contains(search.RungTrial(c, rung, data.FeatureNames.Count).Hash))
                .Select(c => (Candidate: c, Rung: search.RungTrial(c, rung, data.FeatureNames.Count), Next: search.RungTrial(c, search.Rungs[rung.Index + 1], data.FeatureNames.Count)))
                .ToList();
            var kept = trials.Where(t => next.Contains(t.Next.Hash)).ToList();
            var eligible = trials.Count(t => RungScore(t.Rung.Hash, rung.Fraction) is not null);
            var cut = kept.Min(t => RungScore(t.Rung.Hash, rung.Fraction));
            text.Append(CultureInfo.InvariantCulture, $"  rung {rung.Index} (fraction {rung.Fraction:F3}): {trials.Count} fitted, {eligible} eligible within the rung's tolerance, {kept.Count} kept, cut {cut:F4}\n");
            var ranked = trials.OrderByDescending(t => RungScore(t.Rung.Hash, rung.Fraction) ?? double.NegativeInfinity).Select(t => t.Candidate.Hash).ToList();
            foreach (var t in trials.Where(t => !next.Contains(t.Next.Hash) && Score(t.Candidate.Hash) >= target))
            {
                var m = table.TryGetValue(t.Rung.Hash, out var row) ? row.Run.Metrics : new Dictionary<string, double>();
                var violations = row.Run is null ? ["no fit"] : constraints.Violations(m);
                text.Append(CultureInfo.InvariantCulture, $"    dropped {t.Candidate.RunName} (full {Score(t.Candidate.Hash):F4}): rung silhouette {m.GetValueOrDefault(MetricNames.Silhouette):F4}, k {m.GetValueOrDefault(MetricNames.ClusterCount)}, min cluster {m.GetValueOrDefault(MetricNames.MinClusterFraction):F3}, noise {m.GetValueOrDefault(MetricNames.NoiseFraction):F3}, rank {ranked.IndexOf(t.Candidate.Hash) + 1}, exact violations [{string.Join(", ", violations)}]\n");
            }
        }
    }

    return text.Append('\n').ToString();
}

static (double Best, double Seconds) Halving(SweepConfig config, TrainingData data, Dictionary<string, (TrialRun Run, double Seconds)> table, int? candidates, int seed, List<IReadOnlyList<string>>? rungs = null)
{
    var halving = config with
    {
        Strategy = new SearchStrategy(StrategyKind.Halving, candidates, seed) { Halving = HalvingSettings.Default },
    };
    var plan = SweepPlanner.Plan(halving, "bench", data.Digest, data.FeatureNames, ToolVersion.Current);
    // Every trial a rung asks for is one the search fits (the table only saves fitting it again for the next seed).
    var used = new HashSet<string>(StringComparer.Ordinal);
    var hooks = new SearchHooks(
        (hashes, _) =>
        {
            used.UnionWith(hashes);
            // A rung reads its trials before and after it runs them: the first read of each list is the rung's.
            if (rungs is not null && (rungs.Count == 0 || !rungs[^1].SequenceEqual(hashes)))
            {
                rungs.Add(hashes);
            }

            return Task.FromResult<IReadOnlyDictionary<string, TrialRun>>(hashes.Where(table.ContainsKey).ToDictionary(h => h, h => table[h].Run, StringComparer.Ordinal));
        },
        (batch, batchData, _) =>
        {
            Evaluate(batch, batchData, table);
            return Task.CompletedTask;
        },
        data,
        2,
        ShardSpec.All);
    new SuccessiveHalving(plan, halving).RunAsync(hooks, CancellationToken.None).GetAwaiter().GetResult();
    var members = plan.Trials.Select(t => t.Hash).Where(h => used.Contains(h) && table.ContainsKey(h)).ToList();
    return (members.Select(h => TrialScore.Of(table[h].Run, config.Objective, TrialScore.SearchConstraints(config.Constraints))).Max() ?? double.NaN, used.Where(table.ContainsKey).Sum(h => table[h].Seconds));
}

// Four well-separated log-normal blobs of unequal size in the three features the config clusters on: the known answer is k = 4.
static TrainingData Synthetic(int rows, int generatorSeed)
{
    string[] names = ["recency_days", "tenure_days", "monetary"];
    double[][] centres = [[3.0, 4.0, 5.0], [1.0, 5.5, 7.0], [4.5, 5.8, 6.0], [2.0, 2.5, 8.5]];
    double[] shares = [0.4, 0.25, 0.2, 0.15];
    var random = new Random(generatorSeed);
    var matrix = new Matrix(rows, names.Length);
    var ids = new long[rows];
    for (var i = 0; i < rows; i++)
    {
        ids[i] = 1 + i;
        var u = (double)i / rows;
        var blob = 0;
        for (var acc = shares[0]; u >= acc && blob < shares.Length - 1; acc += shares[++blob])
        {
        }

        for (var j = 0; j < names.Length; j++)
        {
            // Box-Muller: a normal draw around the blob's centre in log space, then exp for a skewed positive feature.
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            matrix[i, j] = Math.Exp(centres[blob][j] + (0.3 * z));
        }
    }

    var digest = "synthetic-4-blobs-" + rows.ToString(CultureInfo.InvariantCulture) + (generatorSeed == 20_111 ? string.Empty : "-" + generatorSeed.ToString(CultureInfo.InvariantCulture));
    return new TrainingData(ids, names, matrix, digest, "synthetic");
}
