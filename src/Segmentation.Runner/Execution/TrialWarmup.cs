using Segmentation.Clustering;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Execution;

/// <summary>
/// Runs the trial path once per algorithm and preprocessing of a sweep's search space on a small synthetic matrix,
/// while the data loads, so the first real trials do not pay for compiling it.
/// </summary>
/// <remarks>
/// The kernels' 256/512-bit code is compiled at run time (a ReadyToRun image holds only code for the baseline
/// instruction set), and each type's first use loads it: on the 99-trial grid the first trials spent ~0.23 s of CPU
/// in the JIT and the type loader (perf), on both cores at once, while the data load before them leaves part of a core
/// idle. Nothing here is recorded or returned to a caller's results: it shares no state with the sweep's trials, and a
/// warm-up that fails (a setting this tiny matrix cannot satisfy) changes nothing — the real trial reports its own error.
/// </remarks>
public static class TrialWarmup
{
    /// <summary>Rows of the synthetic matrix: enough for every algorithm's k range up to 12 and a PCA, a few microseconds a fit.</summary>
    public const int Rows = 96;

    /// <summary>Starts the warm-up on a thread of its own, at background priority; the task ends with the number of (preprocessing, algorithm) pairs that ran cleanly.</summary>
    /// <remarks>
    /// Not a thread-pool work item: it runs for ~0.2 s, and while the pool has only as many threads as cores it held one
    /// of them, so the short items the data load queues meanwhile (the raw file's hash) waited behind it — the load then
    /// started ~0.2 s late (perf timeline of the grid: the main thread idle, the cleaner thread's first sample at 0.42 s).
    /// At background priority (<see cref="BackgroundPriority"/>) it takes only what the load's threads leave of the
    /// cores. The sweep cancels it when the data has loaded: from then on its low priority would make a trial that needs a
    /// method it is compiling wait behind it, and the trials compile the rest themselves.
    /// </remarks>
    public static Task<int> Start(SweepConfig config, CancellationToken stop) => BackgroundPriority.Start(() => Run(config, stop));

    /// <summary>Fits and scores the first setting of each algorithm after each preprocessing; returns how many ran cleanly.</summary>
    /// <param name="config">The sweep's config: its scalers, reductions and algorithms.</param>
    /// <param name="stop">Ends the warm-up before its next pair (not an error: the count so far is returned).</param>
    public static int Run(SweepConfig config, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var names = config.Search.Features is { Count: > 0 } features ? features : ["recency_days", "frequency", "monetary"];
        var matrix = Synthetic(names.Count);
        var clean = 0;
        foreach (var scaler in config.Search.Scalers)
        {
            foreach (var reduction in config.Search.Reductions)
            {
                if (stop.IsCancellationRequested)
                {
                    return clean;
                }

                PreprocessedData prepared;
                try
                {
                    prepared = PreprocessedData.Fit(new PreprocessingKey(scaler, reduction), matrix, names);
                }
                catch (ArgumentException)
                {
                    continue;
                }

                foreach (var algorithm in config.Search.Algorithms)
                {
                    if (stop.IsCancellationRequested)
                    {
                        return clean;
                    }

                    var options = algorithm.Expand()[0];
                    var trial = new Trial(0, scaler, reduction, options, Seed: 0, [], options.Algorithm, "");
                    try
                    {
                        _ = TrialExecutor.Execute(trial, prepared, TimeProvider.System).Pipeline.ToJson();
                        clean++;
                    }
                    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ArithmeticException)
                    {
                        // A setting the synthetic matrix cannot satisfy; its code was still (partly) compiled.
                    }
                }
            }
        }

        return clean;
    }

    // Positive, distinct, loosely clustered values (every scaler, log1p included, accepts them), the same on every run.
    private static Matrix Synthetic(int columns)
    {
        var data = new double[Rows * columns];
        var random = new SeededRandom(20_261_201);
        for (var row = 0; row < Rows; row++)
        {
            var centre = 10.0 * (1 + (row % 4));
            for (var column = 0; column < columns; column++)
            {
                data[(row * columns) + column] = centre * (1 + column) + random.NextDouble();
            }
        }

        return new Matrix(data, Rows, columns);
    }
}
