using System.Globalization;
using Segmentation.Data.Features;
using Segmentation.Parquet;
using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Reading;
using Segmentation.Parquet.Schema;
using Segmentation.Parquet.Writing;

namespace Segmentation.Data.Versioning;

/// <summary>Writes a feature table as Parquet that pandas, DuckDB or Spark read, and reads it back.</summary>
public static class FeatureTableParquet
{
    /// <summary>Writes <paramref name="table"/> (customer_id, features, monetary_exact) to <paramref name="output"/>.</summary>
    public static void Write(CustomerFeatureTable table, Stream output, ParquetWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(output);
        var fields = new List<ParquetField> { new(DatasetSchema.CustomerIdColumn, ParquetType.Int64, false) };
        fields.AddRange(table.FeatureNames.Select(name => new ParquetField(name, ParquetType.Double, false)));
        fields.Add(new(DatasetSchema.ExactMonetaryColumn, ParquetType.String, false));

        var columns = new List<ParquetColumnData> { ParquetColumnData.FromInt64(table.CustomerIds) };
        columns.AddRange(table.FeatureNames.Select(name => ParquetColumnData.FromDouble(table.Column(name))));
        columns.Add(ParquetColumnData.FromString(
            table.ExactMonetary.Select(m => (string?)m.ToString("G29", CultureInfo.InvariantCulture)).ToArray()));

        using var writer = new ParquetWriter(output, new ParquetSchema(fields), options, leaveOpen: true);
        writer.WriteTable(columns);
    }

    /// <summary>Reads a table written by <see cref="Write"/>; anything else is a <see cref="ParquetException"/> or <see cref="InvalidDataException"/>.</summary>
    public static CustomerFeatureTable Read(string path)
    {
        using var reader = ParquetReader.Open(path);
        var schema = reader.Schema;
        if (schema.IndexOf(DatasetSchema.CustomerIdColumn) != 0 || schema.IndexOf(DatasetSchema.ExactMonetaryColumn) != schema.Fields.Count - 1)
        {
            throw new InvalidDataException(
                $"{path}: not a stored feature table (expected '{DatasetSchema.CustomerIdColumn}' first and '{DatasetSchema.ExactMonetaryColumn}' last)");
        }

        var features = schema.Fields.Skip(1).Take(schema.Fields.Count - 2).Select(f => f.Name).ToArray();
        var rows = checked((int)reader.RowCount);
        var ids = new long[rows];
        var columns = features.Select(_ => new double[rows]).ToArray();
        var exact = new decimal[rows];
        var offset = 0;
        foreach (var group in reader.ReadRowGroups())
        {
            var groupIds = group[DatasetSchema.CustomerIdColumn].AsInt64();
            groupIds.CopyTo(ids, offset);
            for (var j = 0; j < features.Length; j++)
            {
                group[features[j]].AsDouble().CopyTo(columns[j], offset);
            }

            var texts = group[DatasetSchema.ExactMonetaryColumn].AsStrings();
            for (var i = 0; i < texts.Length; i++)
            {
                exact[offset + i] = decimal.Parse(texts[i]!, NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            offset += groupIds.Length;
        }

        return new CustomerFeatureTable(ids, features, columns, exact);
    }
}
