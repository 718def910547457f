using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Schema;
using Segmentation.Parquet.Writing;
using Segmentation.Serving.Scoring;

namespace Segmentation.Serving.Output;

/// <summary>Writes a scoring as Parquet with the same columns as <see cref="ScoreCsvWriter"/>.</summary>
public static class ScoreParquetWriter
{
    /// <summary>Writes <paramref name="result"/> to <paramref name="output"/>.</summary>
    public static void Write(ScoringResult result, Stream output, bool withFeatures)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var n = result.Count;
        var model = result.Model;
        var scoreKind = result.Scores.Kind;
        var fields = new List<ParquetField>
        {
            new(ScoreColumns.CustomerId, ParquetType.Int64, false),
            new(ScoreColumns.Segment, ParquetType.Int32, false),
            new(ScoreColumns.SegmentName, ParquetType.String, false),
            new(ScoreColumns.For(scoreKind), scoreKind == ScoreKind.Noise ? ParquetType.Boolean : ParquetType.Double, false),
            new(ScoreColumns.ModelName, ParquetType.String, false),
            new(ScoreColumns.ModelVersion, ParquetType.String, false),
            new(ScoreColumns.RunId, ParquetType.String, false),
            new(ScoreColumns.ScoredAt, ParquetType.TimestampMicros, false),
        };
        var columns = new List<ParquetColumnData>
        {
            ParquetColumnData.FromInt64(result.Customers.CustomerIds),
            ParquetColumnData.FromInt32(result.Scores.Segments),
            ParquetColumnData.FromString([.. Enumerable.Range(0, n).Select(r => (string?)result.SegmentName(r))]),
            scoreKind == ScoreKind.Noise
                ? ParquetColumnData.FromBoolean([.. result.Scores.Scores.Select(s => s != 0)])
                : ParquetColumnData.FromDouble(result.Scores.Scores),
            ParquetColumnData.FromString(Repeat(model.ModelName, n)),
            ParquetColumnData.FromString(Repeat(model.ModelVersion, n)),
            ParquetColumnData.FromString(Repeat(model.RunId, n)),
            ParquetColumnData.FromTimestamp(Enumerable.Repeat(result.ScoredAt.UtcDateTime, n).ToArray()),
        };
        if (result.TopProducts is not null)
        {
            fields.Add(new ParquetField(ScoreColumns.TopProducts, ParquetType.String, false));
            columns.Add(ParquetColumnData.FromString([.. Enumerable.Range(0, n).Select(r => (string?)result.TopProductsOf(r))]));
        }

        if (withFeatures)
        {
            foreach (var name in result.Customers.FeatureNames)
            {
                fields.Add(new ParquetField(name, ParquetType.Double, false));
                columns.Add(ParquetColumnData.FromDouble(result.Customers.Column(name)));
            }
        }

        using var writer = new ParquetWriter(output, new ParquetSchema(fields), null, leaveOpen: true);
        writer.WriteTable(columns);
    }

    private static string?[] Repeat(string value, int count) => Enumerable.Repeat<string?>(value, count).ToArray();
}
