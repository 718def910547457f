using System.Globalization;

namespace Segmentation.Data.Features;

/// <summary>Applies the configured outlier policy to a feature table and reports the customers it removed.</summary>
public static class OutlierFilter
{
    /// <summary>Returns the table without the outliers and the report; <see cref="OutlierMethod.None"/> returns it unchanged.</summary>
    public static (CustomerFeatureTable Table, OutlierReport Report) Apply(CustomerFeatureTable table, OutlierOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Method == OutlierMethod.None || table.RowCount == 0)
        {
            return (table, options.Method == OutlierMethod.None ? OutlierReport.NoneApplied : new(options.Method, options.Features, [], []));
        }

        options.Validate();
        var outlier = new bool[table.RowCount];
        var details = new List<string>();
        switch (options.Method)
        {
            case OutlierMethod.Iqr:
                foreach (var feature in options.Features)
                {
                    var column = table.Column(feature);
                    var sorted = column.Order().ToArray();
                    var q1 = Quantiles.OfSorted(sorted, 0.25);
                    var q3 = Quantiles.OfSorted(sorted, 0.75);
                    var low = q1 - (options.IqrMultiplier * (q3 - q1));
                    var high = q3 + (options.IqrMultiplier * (q3 - q1));
                    var n = Mark(column, outlier, v => v < low || v > high);
                    details.Add(string.Create(CultureInfo.InvariantCulture, $"{feature}: outside [{low:G6}, {high:G6}]: {n} customers"));
                }

                break;
            case OutlierMethod.ZScore:
                foreach (var feature in options.Features)
                {
                    var column = table.Column(feature);
                    var mean = column.Average();
                    var std = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / column.Length);
                    var n = std > 0 ? Mark(column, outlier, v => Math.Abs(v - mean) / std > options.ZScoreThreshold) : 0;
                    details.Add(string.Create(CultureInfo.InvariantCulture, $"{feature}: |z| > {options.ZScoreThreshold:G6} (mean {mean:G6}, std {std:G6}): {n} customers"));
                }

                break;
            case OutlierMethod.IsolationForest:
                var data = table.ToRowMajor(options.Features);
                var forest = IsolationForest.Fit(data, options.Features.Count, options.Trees, options.SampleSize, options.Seed);
                var scores = forest.Score(data);
                var remove = (int)Math.Floor(options.Contamination * table.RowCount);
                // Highest scores first; ties broken by customer id so the result does not depend on sort stability.
                var ranked = Enumerable.Range(0, table.RowCount).OrderByDescending(i => scores[i]).ThenBy(i => table.CustomerIds[i]).Take(remove);
                foreach (var i in ranked)
                {
                    outlier[i] = true;
                }

                var cutoff = remove > 0 ? scores.Where((_, i) => outlier[i]).Min() : double.NaN;
                details.Add(string.Create(CultureInfo.InvariantCulture,
                    $"isolation forest ({options.Trees} trees, sample {options.SampleSize}, seed {options.Seed}): top {options.Contamination:G6} by score, cut-off score {cutoff:G6}: {remove} customers"));
                break;
        }

        var keep = Enumerable.Range(0, table.RowCount).Where(i => !outlier[i]).ToArray();
        var removed = Enumerable.Range(0, table.RowCount).Where(i => outlier[i]).Select(i => table.CustomerIds[i]).ToArray();
        return (table.SelectRows(keep), new OutlierReport(options.Method, options.Features, removed, details));
    }

    private static int Mark(double[] column, bool[] outlier, Func<double, bool> isOutlier)
    {
        var n = 0;
        for (var i = 0; i < column.Length; i++)
        {
            if (isOutlier(column[i]))
            {
                outlier[i] = true;
                n++;
            }
        }

        return n;
    }
}
