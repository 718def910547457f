using System.Globalization;
using Segmentation.Data.Features;

namespace Segmentation.Runner.Segments;

/// <summary>
/// One line per segment in words, e.g. "1,046 customers (24 %), 61 % of revenue: buy every 19 days, last bought 9 days
/// ago, spend 4.1× the average". Medians for the day counts (typical customers, not outliers), lift for spend; a clause
/// whose feature the table lacks is left out.
/// </summary>
public static class SegmentDescriber
{
    /// <summary>The description of <paramref name="profile"/>, under the invariant culture.</summary>
    public static string Describe(SegmentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var text = Invariant($"{profile.Size:N0} customers ({Percent(profile.Share)})");
        if (double.IsFinite(profile.RevenueShare))
        {
            text += $", {Percent(profile.RevenueShare)} of revenue";
        }

        var clauses = new List<string>();
        if (profile.Feature(FeatureCatalog.AvgDaysBetweenPurchases) is { } gap && profile.Feature(FeatureCatalog.Frequency) is not { Median: <= 1 })
        {
            clauses.Add(Invariant($"buy every {gap.Median:F0} days"));
        }

        if (profile.Feature(FeatureCatalog.RecencyDays) is { } recency)
        {
            clauses.Add(Invariant($"last bought {recency.Median:F0} days ago"));
        }

        if (profile.Feature(FeatureCatalog.Monetary) is { Lift: var lift } && double.IsFinite(lift))
        {
            clauses.Add(Invariant($"spend {lift:F1}× the average"));
        }

        return clauses.Count == 0 ? text : text + ": " + string.Join(", ", clauses);
    }

    // "24 %" with the space, as the house style writes percentages.
    private static string Percent(double share) => Invariant($"{share * 100:F0} %");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
