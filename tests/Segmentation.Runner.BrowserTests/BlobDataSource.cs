using Segmentation.Clustering;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;

namespace Segmentation.Runner.BrowserTests;

/// <summary>Four seeded blobs of customers in recency, frequency and monetary, standing in for the customer feature table.</summary>
internal sealed class BlobDataSource : ISweepDataSource
{
    public const int Rows = 400;

    public TrainingData Load(LoadedSweepConfig config, string workingDirectory, CancellationToken cancellationToken)
    {
        string[] names = ["recency_days", "frequency", "monetary"];
        var random = new Random(2024);
        var matrix = new Matrix(Rows, names.Length);
        var ids = new long[Rows];
        for (var i = 0; i < Rows; i++)
        {
            ids[i] = 10_000 + i;
            var blob = i % 4;
            matrix[i, 0] = 5 + (blob * 60) + (random.NextDouble() * 30);
            matrix[i, 1] = 1 + ((3 - blob) * 4) + (random.NextDouble() * 3);
            matrix[i, 2] = 50 + ((3 - blob) * 400) + (random.NextDouble() * 200);
        }

        return new TrainingData(ids, names, matrix, new string('b', 64), "data/blobs.csv");
    }
}
