using System.Globalization;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Sqlite;

namespace Segmentation.Tracking.Tests.Sqlite;

/// <summary>Entry point of this test assembly when started as a child process by <see cref="SqliteConcurrencyTests"/>.</summary>
/// <remarks>The test runner never calls it; <c>dotnet exec Segmentation.Tracking.Tests.dll write DB RUN WRITER COUNT</c> does.</remarks>
public static class ConcurrentWriterProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 5 || args[0] != "write")
        {
            await Console.Error.WriteLineAsync("usage: write <database> <run id> <writer name> <batches>");
            return 2;
        }

        await WriteAsync(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>Logs <paramref name="batches"/> one-transaction batches to a run: a metric point, a param and a tag each.</summary>
    public static async Task WriteAsync(string databasePath, string runId, string writer, int batches)
    {
        using var store = SqliteTrackingStore.Open(databasePath, TimeProvider.System);
        for (var i = 0; i < batches; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            await store.LogBatchAsync(runId,
                [new Metric(writer, i, 1_700_000_000_000 + i, i)],
                [new Param($"{writer}.{n}", n)],
                [new RunTag($"{writer}.last", n)]);
        }
    }
}
