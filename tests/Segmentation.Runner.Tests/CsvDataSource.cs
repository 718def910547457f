using System.Globalization;
using Segmentation.Clustering;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;

namespace Segmentation.Runner.Tests;

/// <summary>A customer feature table read from a committed CSV (<c>customer_id</c> first, as <c>segment data features --out</c> writes it).</summary>
internal sealed class CsvDataSource(string path) : ISweepDataSource
{
    public TrainingData Load(LoadedSweepConfig config, string workingDirectory, CancellationToken cancellationToken)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        string[] names = [.. config.Config.Search.Features ?? header[1..]];
        var index = names.Select(n => Array.IndexOf(header, n)).ToArray();
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        var matrix = new Matrix(rows.Count, names.Length);
        var ids = new long[rows.Count];
        var columns = header[1..].Select(_ => new double[rows.Count]).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            ids[i] = long.Parse(rows[i][0], CultureInfo.InvariantCulture);
            for (var j = 1; j < header.Length; j++)
            {
                columns[j - 1][i] = double.Parse(rows[i][j], CultureInfo.InvariantCulture);
            }

            for (var j = 0; j < names.Length; j++)
            {
                matrix[i, j] = columns[index[j] - 1][i];
            }
        }

        return new TrainingData(ids, names, matrix, "csv-" + Path.GetFileNameWithoutExtension(path), path)
        {
            Columns = [.. header[1..].Select((name, j) => new KeyValuePair<string, double[]>(name, columns[j]))],
        };
    }
}
