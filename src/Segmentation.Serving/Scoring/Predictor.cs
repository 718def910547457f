using Segmentation.Clustering;
using Segmentation.Serving.Models;

namespace Segmentation.Serving.Scoring;

/// <summary><c>segment predict</c>'s core: an input file through the model's training pipeline to a segment per customer.</summary>
public static class Predictor
{
    /// <summary>Scores every customer of <paramref name="inputPath"/> with <paramref name="model"/>.</summary>
    /// <param name="model">The loaded model.</param>
    /// <param name="inputPath">Raw transactions or a customer table.</param>
    /// <param name="referenceDate">Null = auto: the day after the batch's last cleaned transaction.</param>
    /// <param name="workingDirectory">Where relative paths resolve.</param>
    /// <param name="clock">Stamps <c>scored_at</c>.</param>
    /// <param name="cancellationToken">Stops between stages.</param>
    public static ScoringResult Predict(LoadedModel model, string inputPath, DateOnly? referenceDate, string workingDirectory, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(clock);
        var batch = CustomerBatchReader.Read(inputPath, model.FeatureNames, model.Data, referenceDate, workingDirectory, cancellationToken);
        return Score(model, batch, clock);
    }

    /// <summary>Scores a batch already read; customers with a missing or non-finite model feature are listed as unscored.</summary>
    public static ScoringResult Score(LoadedModel model, CustomerBatch batch, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(clock);
        var features = model.FeatureNames;
        var table = batch.Features;
        var columns = features.Select(table.Column).ToArray();
        var keep = new List<int>(table.RowCount);
        var unscored = new List<UnscoredCustomer>(batch.Unscored);
        for (var r = 0; r < table.RowCount; r++)
        {
            var bad = Array.FindIndex(columns, c => !double.IsFinite(c[r]));
            if (bad < 0)
            {
                keep.Add(r);
            }
            else
            {
                unscored.Add(new UnscoredCustomer(table.CustomerIds[r], $"feature '{features[bad]}' is missing or not a finite number"));
            }
        }

        var scored = keep.Count == table.RowCount ? table : table.SelectRows(keep);
        var raw = new Matrix(scored.ToRowMajor(features), scored.RowCount, features.Count);
        var scores = scored.RowCount == 0
            ? new SegmentScores(SegmentScorer.KindOf(model.Pipeline.Model), [], [])
            : SegmentScorer.Score(model.Pipeline, raw);
        return new ScoringResult(model, clock.GetUtcNow(), batch, scored, scores, [.. unscored.OrderBy(u => u.CustomerId)]);
    }
}
