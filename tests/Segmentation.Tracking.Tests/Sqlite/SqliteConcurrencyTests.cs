using System.Diagnostics;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Sqlite;

namespace Segmentation.Tracking.Tests.Sqlite;

/// <summary>Several writers on one database file lose nothing (WAL + busy timeout + one IMMEDIATE transaction per batch).</summary>
public sealed class SqliteConcurrencyTests
{
    private const int Batches = 150;

    private static async Task<(SqliteTrackingStore Store, string RunId)> NewRunAsync(SqliteTestDatabase db)
    {
        var store = SqliteTrackingStore.Open(db.DatabasePath, TimeProvider.System);
        var experiment = await store.GetOrCreateExperimentAsync("concurrency");
        var run = await store.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "shared", 1_700_000_000_000));
        return (store, run.Info.RunId);
    }

    private static async Task AssertEverythingLoggedAsync(SqliteTrackingStore store, string runId, params string[] writers)
    {
        var run = await store.GetRunAsync(runId);
        foreach (var writer in writers)
        {
            Assert.Equal(Batches, (await store.GetMetricHistoryAsync(runId, writer)).Count);
            Assert.Equal(Batches - 1, run.Data.Metrics[writer].Value);
            Assert.Equal(Batches, run.Data.Params.Keys.Count(k => k.StartsWith(writer + ".", StringComparison.Ordinal)));
            Assert.Equal((Batches - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), run.Data.Tags[writer + ".last"]);
        }
    }

    [Fact]
    public async Task LogBatch_ThreeStoresOnOneFileInParallel_LoseNothing()
    {
        using var db = new SqliteTestDatabase();
        var (store, runId) = await NewRunAsync(db);
        using (store)
        {
            await Task.WhenAll(new[] { "a", "b", "c" }.Select(w => Task.Run(() => ConcurrentWriterProgram.WriteAsync(db.DatabasePath, runId, w, Batches))));

            await AssertEverythingLoggedAsync(store, runId, "a", "b", "c");
        }
    }

    [Fact]
    public async Task LogBatch_TwoProcessesAndThisOne_LoseNothing()
    {
        using var db = new SqliteTestDatabase();
        var (store, runId) = await NewRunAsync(db);
        using (store)
        {
            var children = new[] { "p1", "p2" }.Select(w => StartWriter(db.DatabasePath, runId, w)).ToList();
            await ConcurrentWriterProgram.WriteAsync(db.DatabasePath, runId, "host", Batches);
            foreach (var child in children)
            {
                using (child)
                {
                    var stderr = child.StandardError.ReadToEndAsync();
                    await child.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
                    Assert.True(child.ExitCode == 0, "writer process failed: " + await stderr);
                }
            }

            await AssertEverythingLoggedAsync(store, runId, "p1", "p2", "host");
        }
    }

    private static Process StartWriter(string databasePath, string runId, string writer)
    {
        // The test host sets DOTNET_HOST_PATH to the dotnet that runs the tests.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", typeof(ConcurrentWriterProgram).Assembly.Location, "write", databasePath, runId, writer, Batches.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start the writer process");
    }
}
