using System.Globalization;
using System.Text;
using Segmentation.Serving.Scoring;

namespace Segmentation.Serving.Output;

/// <summary>Writes a scoring as CSV: one row per customer, the algorithm's score column, optionally the segment's top products and the features.</summary>
public static class ScoreCsvWriter
{
    /// <summary>Writes <paramref name="result"/> to <paramref name="output"/> (header first, doubles round-trip exact).</summary>
    public static void Write(ScoringResult result, TextWriter output, bool withFeatures)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var features = withFeatures ? result.Customers.FeatureNames : [];
        var columns = features.Select(result.Customers.Column).ToArray();
        var scoreColumn = ScoreColumns.For(result.Scores.Kind);
        var line = new StringBuilder();
        line.AppendJoin(',', ScoreColumns.CustomerId, ScoreColumns.Segment, ScoreColumns.SegmentName, scoreColumn, ScoreColumns.ModelName, ScoreColumns.ModelVersion, ScoreColumns.RunId, ScoreColumns.ScoredAt);
        if (result.TopProducts is not null)
        {
            line.Append(',').Append(ScoreColumns.TopProducts);
        }

        foreach (var name in features)
        {
            line.Append(',').Append(Escape(name));
        }

        output.Write(line.Append('\n'));
        var model = result.Model;
        var fixedTail = "," + Escape(model.ModelName) + "," + Escape(model.ModelVersion) + "," + model.RunId + "," + ScoreColumns.Timestamp(result.ScoredAt);
        for (var r = 0; r < result.Count; r++)
        {
            line.Clear();
            line.Append(result.Customers.CustomerIds[r].ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(result.Scores.Segments[r].ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Escape(result.SegmentName(r))).Append(',')
                .Append(Score(result.Scores, r))
                .Append(fixedTail);
            if (result.TopProducts is not null)
            {
                line.Append(',').Append(Escape(result.TopProductsOf(r)));
            }

            foreach (var column in columns)
            {
                line.Append(',').Append(column[r].ToString("R", CultureInfo.InvariantCulture));
            }

            output.Write(line.Append('\n'));
        }
    }

    /// <summary>The score of row <paramref name="row"/> as CSV text (<c>true</c>/<c>false</c> for the noise flag).</summary>
    public static string Score(SegmentScores scores, int row)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return scores.Kind == ScoreKind.Noise
            ? (scores.Scores[row] != 0 ? "true" : "false")
            : scores.Scores[row].ToString("R", CultureInfo.InvariantCulture);
    }

    private static string Escape(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
