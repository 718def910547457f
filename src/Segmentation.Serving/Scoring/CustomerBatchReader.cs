using System.Globalization;
using System.IO.Compression;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Features;
using Segmentation.Data.Ingestion;
using Segmentation.Data.Pipeline;
using Segmentation.Data.Versioning;
using Segmentation.Parquet.Reading;
using Segmentation.Parquet.Schema;

namespace Segmentation.Serving.Scoring;

/// <summary>
/// Reads the customers to score: raw transactions through the training's ingestion, cleaning and features, or a customer
/// table (CSV or Parquet with <c>customer_id</c> and the model's feature columns) as is.
/// </summary>
public static class CustomerBatchReader
{
    /// <summary>Reads <paramref name="inputPath"/>, building features with <paramref name="trainingData"/> when it holds transactions.</summary>
    /// <param name="inputPath">Transactions (.csv, .csv.gz, .xlsx, .parquet) or a customer table (.csv, .csv.gz, .parquet).</param>
    /// <param name="featureNames">The model's features, which a customer table must have.</param>
    /// <param name="trainingData">The training's data params; null when the model does not record them (then only customer tables are accepted).</param>
    /// <param name="referenceDate">The reference date; null = auto (the day after the batch's last cleaned transaction).</param>
    /// <param name="workingDirectory">Where relative paths resolve.</param>
    /// <param name="cancellationToken">Stops between stages.</param>
    /// <exception cref="DataFormatException">The input is unreadable, or a customer table lacks a model feature.</exception>
    public static CustomerBatch Read(
        string inputPath, IReadOnlyList<string> featureNames, DataOptions? trainingData, DateOnly? referenceDate, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        ArgumentNullException.ThrowIfNull(featureNames);
        var full = Path.GetFullPath(Path.Combine(workingDirectory, inputPath));
        if (!File.Exists(full))
        {
            throw new DataFormatException("the input file does not exist", full);
        }

        if (IsCustomerTable(full))
        {
            return ReadCustomerTable(full, featureNames);
        }

        if (trainingData is null)
        {
            throw new DataFormatException(
                "the input holds transactions, but the model records no training data params (no training_params.json in its folder and no sweep_config.yaml on its parent run) to rebuild features with; pass a customer table (customer_id plus the model's features) instead",
                full);
        }

        return ReadTransactions(full, trainingData, referenceDate, cancellationToken);
    }

    private static CustomerBatch ReadTransactions(string path, DataOptions training, DateOnly? referenceDate, CancellationToken cancellationToken)
    {
        // The training's params, not today's params.yaml: only the input and the reference date belong to this batch.
        var options = training with
        {
            Ingestion = training.Ingestion with { Input = path },
            Features = training.Features with { ReferenceDate = referenceDate },
        };
        options.Validate();
        // Streamed: rows are cleaned and folded per customer as they are parsed, so memory follows customers, not lines.
        var read = FeaturePipeline.Batch(options, Path.GetDirectoryName(path)!, cancellationToken);
        var built = read.Features;

        // No outlier policy here: it decides which customers shape the model, while every customer of a batch gets a segment.
        var scored = built.Table.CustomerIds.ToHashSet();
        var unscored = read.RawCustomers
            .Where(id => !scored.Contains(id))
            .Select(id => new UnscoredCustomer(id, read.CleanedCustomers.Contains(id)
                ? "no purchase left after cleaning, or monetary <= 0"
                : "every transaction removed by cleaning"))
            .ToList();
        return new CustomerBatch(path, false, built.Table, unscored, built.ReferenceDate, read.Cleaning.RowsIn, read.RawRowsWithoutCustomer);
    }

    /// <summary>Whether the file is a customer table: a <c>customer_id</c> column and no invoice column.</summary>
    public static bool IsCustomerTable(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var names = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
            ? ParquetColumns(path)
            : path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? [] : CsvHeader(path);
        return names.Contains(DatasetSchema.CustomerIdColumn, StringComparer.Ordinal)
            && !names.Any(n => n.StartsWith("invoice", StringComparison.OrdinalIgnoreCase));
    }

    private static List<string> ParquetColumns(string path)
    {
        using var reader = ParquetReader.Open(path);
        return [.. reader.Schema.Fields.Select(f => f.Name)];
    }

    private static List<string> CsvHeader(string path)
    {
        using var text = OpenText(path);
        return text.ReadLine() is { } header ? [.. header.Split(',').Select(Unquote)] : [];
    }

    private static StreamReader OpenText(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream);
    }

    private static string Unquote(string field)
    {
        var f = field.Trim();
        return f.Length >= 2 && f[0] == '"' && f[^1] == '"' ? f[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : f;
    }

    private static CustomerBatch ReadCustomerTable(string path, IReadOnlyList<string> featureNames)
    {
        var (ids, names, columns) = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? ReadParquetTable(path) : ReadCsvTable(path);
        if (featureNames.FirstOrDefault(f => !names.Contains(f, StringComparer.Ordinal)) is { } missing)
        {
            throw new DataFormatException($"the customer table has no column '{missing}', a feature of the model (it needs {string.Join(", ", featureNames)})", path, 1, missing);
        }

        if (ids.Distinct().Count() != ids.Length)
        {
            throw new DataFormatException("the customer table lists a customer_id twice", path, 0, DatasetSchema.CustomerIdColumn);
        }

        var monetaryIndex = names.IndexOf(FeatureCatalog.Monetary);
        var exact = monetaryIndex < 0 ? new decimal[ids.Length] : [.. columns[monetaryIndex].Select(m => double.IsFinite(m) ? (decimal)m : 0m)];
        var table = new CustomerFeatureTable(ids, names, columns, exact);
        return new CustomerBatch(path, true, table, [], null, 0, 0);
    }

    private static (long[] Ids, List<string> Names, List<double[]> Columns) ReadParquetTable(string path)
    {
        using var reader = ParquetReader.Open(path);
        var features = reader.Schema.Fields.Where(f => f.Type == ParquetType.Double).Select(f => f.Name).ToList();
        var ids = new List<long>();
        var columns = features.Select(_ => new List<double>()).ToList();
        foreach (var group in reader.ReadRowGroups([DatasetSchema.CustomerIdColumn, .. features]))
        {
            var idColumn = group[DatasetSchema.CustomerIdColumn];
            ids.AddRange(idColumn.Type == ParquetType.Int32 ? idColumn.AsInt32().Select(i => (long)i) : idColumn.AsInt64());
            for (var j = 0; j < features.Count; j++)
            {
                columns[j].AddRange(group[features[j]].AsDouble());
            }
        }

        return ([.. ids], features, [.. columns.Select(c => c.ToArray())]);
    }

    private static (long[] Ids, List<string> Names, List<double[]> Columns) ReadCsvTable(string path)
    {
        using var text = OpenText(path);
        var header = (text.ReadLine() ?? string.Empty).Split(',').Select(Unquote).ToList();
        var idIndex = header.IndexOf(DatasetSchema.CustomerIdColumn);
        var names = header.Where((_, i) => i != idIndex).ToList();
        var ids = new List<long>();
        var columns = names.Select(_ => new List<double>()).ToList();
        var line = 1L;
        while (text.ReadLine() is { } row)
        {
            line++;
            if (row.Length == 0)
            {
                continue;
            }

            var fields = row.Split(',');
            if (fields.Length != header.Count)
            {
                throw new DataFormatException($"expected {header.Count} fields, found {fields.Length}", path, line, null, row);
            }

            ids.Add(long.TryParse(Unquote(fields[idIndex]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                ? id
                : throw new DataFormatException("customer_id is not an integer", path, line, DatasetSchema.CustomerIdColumn, fields[idIndex]));
            for (int i = 0, j = 0; i < fields.Length; i++)
            {
                if (i == idIndex)
                {
                    continue;
                }

                var value = Unquote(fields[i]);
                columns[j].Add(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || value.Length == 0
                    ? value.Length == 0 ? double.NaN : x
                    : throw new DataFormatException("not a number", path, line, header[i], value));
                j++;
            }
        }

        return ([.. ids], names, [.. columns.Select(c => c.ToArray())]);
    }
}
