using Segmentation.Clustering;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;

namespace Segmentation.Runner.Tests;

/// <summary>Three well-separated seeded blobs in three positive features, standing in for the customer feature table.</summary>
internal sealed class SyntheticDataSource : ISweepDataSource
{
    private readonly int _rows;

    public SyntheticDataSource(int rows = 90) => _rows = rows;

    public int Loads { get; private set; }

    /// <summary>The loaded table's <see cref="TrainingData.Stored"/>: a store write still running, or one that failed.</summary>
    public Task Stored { get; init; } = Task.CompletedTask;

    public TrainingData Load(LoadedSweepConfig config, string workingDirectory, CancellationToken cancellationToken)
    {
        Loads++;
        string[] names = ["recency_days", "frequency", "monetary"];
        var random = new Random(12345);
        var matrix = new Matrix(_rows, names.Length);
        var ids = new long[_rows];
        for (var i = 0; i < _rows; i++)
        {
            ids[i] = 10_000 + i;
            var blob = i % 3;
            for (var j = 0; j < names.Length; j++)
            {
                matrix[i, j] = 1 + (blob * 10) + (j * blob) + random.NextDouble();
            }
        }

        return new TrainingData(ids, names, matrix, "synthetic-" + _rows.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-0123456789abcdef", "synthetic.csv") { Stored = Stored };
    }
}
