namespace Segmentation.Runner.Segments;

/// <summary>
/// The standard RFM segment map: a segment's (R, FM) cell names it. The grid is the common one of RFM practice (the
/// regex map of recency and frequency scores used in most RFM tutorials), with its Hibernating corner (1, 1) split off
/// as "Lost". Rows are R = 5 (most recent) to 1; columns FM = 1 to 5.
/// </summary>
public static class RfmGrid
{
    /// <summary>Champions.</summary>
    public const string Champions = "Champions";

    /// <summary>Loyal customers.</summary>
    public const string Loyal = "Loyal customers";

    /// <summary>Potential loyalists.</summary>
    public const string PotentialLoyalists = "Potential loyalists";

    /// <summary>New customers.</summary>
    public const string NewCustomers = "New customers";

    /// <summary>Promising.</summary>
    public const string Promising = "Promising";

    /// <summary>Need attention.</summary>
    public const string NeedAttention = "Need attention";

    /// <summary>About to sleep.</summary>
    public const string AboutToSleep = "About to sleep";

    /// <summary>At risk.</summary>
    public const string AtRisk = "At risk";

    /// <summary>Can't lose them.</summary>
    public const string CantLoseThem = "Can't lose them";

    /// <summary>Hibernating.</summary>
    public const string Hibernating = "Hibernating";

    /// <summary>Lost.</summary>
    public const string Lost = "Lost";

    // Row r is R = 5 − r; column c is FM = c + 1.
    private static readonly string[][] Cells =
    [
        [NewCustomers, PotentialLoyalists, PotentialLoyalists, Champions, Champions],
        [Promising, PotentialLoyalists, PotentialLoyalists, Loyal, Loyal],
        [AboutToSleep, AboutToSleep, NeedAttention, Loyal, Loyal],
        [Hibernating, Hibernating, AtRisk, AtRisk, CantLoseThem],
        [Lost, Hibernating, AtRisk, AtRisk, CantLoseThem],
    ];

    /// <summary>The name of cell (R, FM), both 1–5.</summary>
    public static string Name(int r, int fm)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(r, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(r, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(fm, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fm, 5);
        return Cells[5 - r][fm - 1];
    }

    /// <summary>
    /// The quintile score 1–5 of <paramref name="value"/> among <paramref name="sortedCustomers"/>: 1 plus the number of the
    /// 20/40/60/80 % cut points it exceeds; <paramref name="lowerIsBetter"/> (recency) reverses it.
    /// </summary>
    public static int Score(double value, IReadOnlyList<double> sortedCustomers, bool lowerIsBetter)
    {
        ArgumentNullException.ThrowIfNull(sortedCustomers);
        var score = 1;
        foreach (var q in new[] { 20.0, 40.0, 60.0, 80.0 })
        {
            if (value > Quantile.Of(sortedCustomers, q))
            {
                score++;
            }
        }

        return lowerIsBetter ? 6 - score : score;
    }
}
