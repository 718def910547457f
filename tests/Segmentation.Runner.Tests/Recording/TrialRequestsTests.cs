using System.Globalization;
using Segmentation.Runner.Configuration;
using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Tests.Rest.Emulator;
using Xunit.Abstractions;

namespace Segmentation.Runner.Tests.Recording;

/// <summary>
/// Issue 10 §4: what a trial costs over REST. A sweep (with products, so every model folder document is written) against the
/// loopback emulator of each MLflow generation: HTTP requests per trial, by endpoint, within what MLflow's own Python client
/// sends for a trial with the same content (<c>log_model</c> with an input example).
/// </summary>
public sealed class TrialRequestsTests(ITestOutputHelper output)
{
    private const string Sweep = """
        experiment:
          name: requests
        search:
          scalers: [standard]
          algorithms:
            kmeans: {k: {from: 2, to: 7}, n_init: 1}
        constraints: {min_k: 2}
        """;

    // What MLflow's own Python client sends for a trial with the same content (the v3 contract README's recorded sequences):
    // runs/create, a log-batch for the params and one for the metrics, log-inputs, log_model, runs/update. Its log_model with
    // an input example is, on 2.17.2, runs/get, one PUT per file (MLmodel, conda.yaml, python_env.yaml, requirements.txt,
    // model.pkl, input_example.json, serving_input_example.json) and runs/log-model — 14 in all; on 3.x, runs/get,
    // logged-models create, runs/outputs, runs/get, logged-models get, the seven PUTs and the finalize PATCH — 18 in all.
    // Ours (14 and 16) spend two of them on the claim protocol's searches (Claims/TrialClaims), which MLflow has no
    // counterpart of, and save them on the one log-batch per trial and the folder's single document.
    private static double MaxPerTrial(MlflowServerGeneration generation) => generation == MlflowServerGeneration.Mlflow3 ? 16 : 14;

    [Theory]
    [InlineData(MlflowServerGeneration.Mlflow2)]
    [InlineData(MlflowServerGeneration.Mlflow3)]
    public async Task ATrialCostsNoMoreRequestsThanMlflowsOwnClient(MlflowServerGeneration generation)
    {
        using var emulator = new MlflowEmulator(generation: generation);
        using var dir = new TempDirectory();
        dir.Write("configs/s.yaml", Sweep);
        var runner = new SweepRunner(_ => Faults.SweepUnderFaultsTests.Store(emulator.BaseUri), new PurchasesDataSource(), TimeProvider.System);

        // A sweep of 6 trials, then one of 12 on a new experiment: the difference is what 6 more trials cost, without the
        // sweep's fixed requests (experiment, parent run, stability, report).
        var small = await RequestsOfAsync(runner, emulator, dir, Sweep);
        var large = await RequestsOfAsync(runner, emulator, dir, Sweep.Replace("name: requests", "name: requests-large", StringComparison.Ordinal)
            .Replace("to: 7", "to: 13", StringComparison.Ordinal));

        var trials = large.Trials - small.Trials;
        Assert.Equal(6, trials);
        var perTrial = large.ByEndpoint.Keys.Union(small.ByEndpoint.Keys)
            .Select(e => (Endpoint: e, PerTrial: (double)(large.ByEndpoint.GetValueOrDefault(e) - small.ByEndpoint.GetValueOrDefault(e)) / trials))
            .Where(e => e.PerTrial != 0)
            .OrderByDescending(e => e.PerTrial)
            .ToList();
        var total = perTrial.Sum(e => e.PerTrial);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{generation}: {total:0.##} requests per trial; whole sweep of {large.Trials}: {large.ByEndpoint.Values.Sum()} requests"));
        foreach (var (endpoint, count) in perTrial)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count,6:0.##}  {endpoint}"));
        }

        Assert.True(total <= MaxPerTrial(generation), string.Create(CultureInfo.InvariantCulture, $"{total:0.##} requests per trial, more than the bound ({MaxPerTrial(generation)})"));
    }

    private static async Task<(int Trials, IReadOnlyDictionary<string, int> ByEndpoint)> RequestsOfAsync(
        SweepRunner runner, MlflowEmulator emulator, TempDirectory dir, string sweep)
    {
        dir.Write("configs/s.yaml", sweep);
        var before = emulator.RequestsByEndpoint;
        var summary = await runner.RunAsync(Faults.SweepUnderFaultsTests.Request(dir.Path), null, CancellationToken.None);
        var after = emulator.RequestsByEndpoint;
        return (summary.Ran, after.ToDictionary(e => e.Key, e => e.Value - before.GetValueOrDefault(e.Key), StringComparer.Ordinal));
    }
}
