namespace Segmentation.Monitoring.Statistics;

/// <summary>The one check every drift statistic makes of its samples: not empty, every value finite, then sorted.</summary>
internal static class SortedSample
{
    /// <summary>A sorted copy of <paramref name="values"/>; throws naming <paramref name="name"/> when it is empty or holds a missing value.</summary>
    public static double[] Of(IReadOnlyList<double> values, string name)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("the sample is empty", name);
        }

        var sorted = values.ToArray();
        if (Array.Exists(sorted, v => !double.IsFinite(v)))
        {
            throw new ArgumentException("the sample has a missing or non-finite value", name);
        }

        Array.Sort(sorted);
        return sorted;
    }
}
