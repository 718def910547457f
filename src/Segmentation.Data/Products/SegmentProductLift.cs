namespace Segmentation.Data.Products;

/// <summary>
/// The top products of each segment by lift: the share of the segment's customers who bought a product ÷ the share of
/// all training customers who did, from integer counts, compared and ranked as exact fractions.
/// </summary>
public static class SegmentProductLift
{
    /// <summary>
    /// Ranks, per segment, the products bought by at least <paramref name="minSupport"/> of its customers, by lift
    /// (highest first), then support (highest first), then stock code (ordinal), and keeps the first <paramref name="top"/>.
    /// </summary>
    /// <param name="products">The (customer, product) pairs of the dataset version.</param>
    /// <param name="customerIds">The training customers, one per row.</param>
    /// <param name="labels">Each training customer's segment.</param>
    /// <param name="minSupport">Least segment customers with the product (≥ 1).</param>
    /// <param name="top">Products kept per segment (≥ 1).</param>
    /// <returns>Rows by segment ascending, then rank.</returns>
    public static IReadOnlyList<SegmentProduct> Compute(CustomerProducts products, IReadOnlyList<long> customerIds, IReadOnlyList<int> labels, int minSupport, int top)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(customerIds);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSupport, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (customerIds.Count != labels.Count)
        {
            throw new ArgumentException($"{customerIds.Count} customers but {labels.Count} labels", nameof(labels));
        }

        var segmentOf = new Dictionary<long, int>(customerIds.Count);
        for (var i = 0; i < customerIds.Count; i++)
        {
            segmentOf.Add(customerIds[i], labels[i]);
        }

        // Customers the outlier policy removed have pairs but no label: they are not training customers, so not counted.
        var segments = labels.Distinct().Order().ToArray();
        var segmentIndex = segments.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        var segmentSizes = new long[segments.Length];
        foreach (var label in labels)
        {
            segmentSizes[segmentIndex[label]]++;
        }

        var all = new long[products.StockCodes.Count];
        var bySegment = new long[segments.Length, products.StockCodes.Count];
        for (var p = 0; p < products.PairCount; p++)
        {
            if (segmentOf.TryGetValue(products.Customers[p], out var label))
            {
                all[products.Products[p]]++;
                bySegment[segmentIndex[label], products.Products[p]]++;
            }
        }

        var rows = new List<SegmentProduct>();
        long n = customerIds.Count;
        var best = new List<int>(top + 1);
        for (var s = 0; s < segments.Length; s++)
        {
            // Within one segment lift ∝ a/b (s and n are shared), so a₁·b₂ vs a₂·b₁ orders it exactly; support, then the
            // (unique) stock code break ties, so the order is total and the first `top` do not depend on how they are found.
            var seg = s;
            int Compare(int x, int y)
            {
                var byLift = (bySegment[seg, y] * all[x]).CompareTo(bySegment[seg, x] * all[y]);
                if (byLift != 0)
                {
                    return byLift;
                }

                var bySupport = bySegment[seg, y].CompareTo(bySegment[seg, x]);
                return bySupport != 0 ? bySupport : string.CompareOrdinal(products.StockCodes[x], products.StockCodes[y]);
            }

            // Keep only the best `top` in order (insertion into a short sorted list) instead of sorting every candidate:
            // this runs for every trial of a sweep, and most products fail against the current last one at once.
            best.Clear();
            for (var c = 0; c < all.Length; c++)
            {
                if (bySegment[s, c] < minSupport || (best.Count == top && Compare(c, best[^1]) >= 0))
                {
                    continue;
                }

                var at = best.Count;
                while (at > 0 && Compare(c, best[at - 1]) < 0)
                {
                    at--;
                }

                best.Insert(at, c);
                if (best.Count > top)
                {
                    best.RemoveAt(top);
                }
            }

            var rank = 0;
            foreach (var c in best)
            {
                rows.Add(new SegmentProduct(segments[s], products.StockCodes[c], products.Descriptions[c], bySegment[s, c], segmentSizes[s], all[c], n, ++rank));
            }
        }

        return rows;
    }
}
