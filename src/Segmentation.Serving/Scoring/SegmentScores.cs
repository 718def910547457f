namespace Segmentation.Serving.Scoring;

/// <summary>Segments and scores of a batch of rows, aligned by row.</summary>
/// <param name="Kind">What <paramref name="Scores"/> means.</param>
/// <param name="Segments">Segment of each row (−1 = noise).</param>
/// <param name="Scores">Distance or probability per row; for <see cref="ScoreKind.Noise"/> 1 for noise, else 0.</param>
public sealed record SegmentScores(ScoreKind Kind, int[] Segments, double[] Scores);
