using Segmentation.Data.Features;
using Segmentation.Runner.Data;

namespace Segmentation.Runner.Segments;

/// <summary>
/// Names segments from their profiles. With recency_days, frequency and monetary in the table: the RFM rule — each
/// segment's median R, F and M scored 1–5 against the customer quintiles and the (R, FM) cell looked up in
/// <see cref="RfmGrid"/>. Otherwise: the two most distinctive features, by how far the segment mean sits from the overall
/// mean in overall standard deviations ("high unique_products, low return_rate"). Segments that would share a name get
/// qualifiers by revenue (high / mid / low spend, then a number); overrides replace names last.
/// </summary>
public static class SegmentNamer
{
    /// <summary>The profiles with <see cref="SegmentProfile.Name"/> (and <see cref="SegmentProfile.Rfm"/> under the RFM rule) set.</summary>
    public static IReadOnlyList<SegmentProfile> Name(IReadOnlyList<SegmentProfile> profiles, TrainingData data, IReadOnlyDictionary<int, string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(data);
        var summaries = ColumnSummaries.Of(data);
        var columns = summaries.Columns;
        var rfm = columns.ContainsKey(FeatureCatalog.RecencyDays) && columns.ContainsKey(FeatureCatalog.Frequency) && columns.ContainsKey(FeatureCatalog.Monetary);
        List<SegmentProfile> named;
        if (rfm)
        {
            var r = summaries.SortedValues(FeatureCatalog.RecencyDays);
            var f = summaries.SortedValues(FeatureCatalog.Frequency);
            var m = summaries.SortedValues(FeatureCatalog.Monetary);
            named = [.. profiles.Select(p =>
            {
                var score = new RfmScore(
                    RfmGrid.Score(p.Feature(FeatureCatalog.RecencyDays)!.Median, r, lowerIsBetter: true),
                    RfmGrid.Score(p.Feature(FeatureCatalog.Frequency)!.Median, f, lowerIsBetter: false),
                    RfmGrid.Score(p.Feature(FeatureCatalog.Monetary)!.Median, m, lowerIsBetter: false));
                return p with { Rfm = score, Name = p.Segment < 0 ? "Noise" : RfmGrid.Name(score.R, score.FM) };
            })];
        }
        else
        {
            var spread = columns.Keys.ToDictionary(c => c, summaries.Spread, StringComparer.Ordinal);
            var means = summaries.Means;
            named = [.. profiles.Select(p => p with { Name = p.Segment < 0 ? "Noise" : Distinctive(p, data.FeatureNames, means, spread) })];
        }

        return Qualify(named).Select(p => overrides is not null && overrides.TryGetValue(p.Segment, out var name) ? p with { Name = name } : p).ToList();
    }

    /// <summary>"high a, low b" from the two clustered features whose segment mean is furthest from the overall mean (in standard deviations).</summary>
    public static string Distinctive(SegmentProfile profile, IReadOnlyList<string> features, IReadOnlyDictionary<string, double> means, IReadOnlyDictionary<string, double> spread)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(spread);
        var top = features
            .Where(f => spread[f] > 0)
            .Select(f => (Feature: f, Z: (profile.Feature(f)!.Mean - means[f]) / spread[f]))
            .OrderByDescending(x => Math.Abs(x.Z))
            .ThenBy(x => x.Feature, StringComparer.Ordinal)
            .Take(2)
            .Select(x => (x.Z >= 0 ? "high " : "low ") + x.Feature);
        var name = string.Join(", ", top);
        return name.Length == 0 ? "Average" : name;
    }

    // Two or more segments in one cell (or with one feature name) are told apart by their revenue, the business's first question.
    private static IEnumerable<SegmentProfile> Qualify(List<SegmentProfile> profiles)
    {
        var qualified = profiles.ToDictionary(p => p.Segment);
        foreach (var group in profiles.Where(p => p.Segment >= 0).GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var bySpend = group.OrderByDescending(p => p.Feature(FeatureCatalog.Monetary)?.Median ?? 0).ThenBy(p => p.Segment).ToList();
            for (var i = 0; i < bySpend.Count; i++)
            {
                var qualifier = (i, bySpend.Count) switch
                {
                    (0, _) => "high spend",
                    var (last, count) when last == count - 1 => "low spend",
                    (1, 3) => "mid spend",
                    _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"spend rank {i + 1}"),
                };
                qualified[bySpend[i].Segment] = bySpend[i] with { Name = $"{bySpend[i].Name} ({qualifier})" };
            }
        }

        return profiles.Select(p => qualified[p.Segment]);
    }
}
