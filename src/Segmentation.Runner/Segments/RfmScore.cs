namespace Segmentation.Runner.Segments;

/// <summary>A segment's RFM scores, 1–5 against the customer quintiles (5 = most recent, most frequent, highest spend).</summary>
/// <param name="R">Recency score of the segment's median recency_days (fewer days scores higher).</param>
/// <param name="F">Frequency score of the segment's median frequency.</param>
/// <param name="M">Monetary score of the segment's median monetary.</param>
public sealed record RfmScore(int R, int F, int M)
{
    /// <summary>The combined frequency-monetary score of the grid's columns: the mean of F and M, rounded half up.</summary>
    public int FM => (F + M + 1) / 2;
}
