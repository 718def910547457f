namespace Segmentation.Data.Products;

/// <summary>
/// The top products of each segment by lift: the share of the segment's customers who bought a product ÷ the share of
/// all training customers who did, from integer counts, compared and ranked as exact fractions.
/// </summary>
/// <remarks>
/// A sweep ranks the products of every trial on the same customers and pairs, so what does not depend on the labels —
/// each pair's training row and each product's count over all training customers — is worked out once
/// (<see cref="For"/>); a trial then only counts its segments' pairs (one array read per pair, no customer-id lookup).
/// </remarks>
public sealed class SegmentProductLift
{
    private readonly CustomerProducts _products;
    private readonly int _customers;

    // Each pair's row among the training customers, −1 for a customer the outlier policy removed (pairs but no label).
    private readonly int[] _pairRows;

    // Training customers who bought each product.
    private readonly long[] _all;

    // Each pair's product index, as an array: the per-trial loop reads it once per pair (an interface call each otherwise).
    private readonly int[] _pairProducts;

    private SegmentProductLift(CustomerProducts products, int customers, int[] pairRows, long[] all)
    {
        _products = products;
        _customers = customers;
        _pairRows = pairRows;
        _all = all;
        _pairProducts = [.. products.Products];
    }

    /// <summary>The label-independent part of the lift for these pairs and training customers, to rank many labelings with.</summary>
    /// <param name="products">The (customer, product) pairs of the dataset version.</param>
    /// <param name="customerIds">The training customers, one per row.</param>
    /// <exception cref="ArgumentException">A customer id appears twice.</exception>
    public static SegmentProductLift For(CustomerProducts products, IReadOnlyList<long> customerIds)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(customerIds);
        var rowOf = new Dictionary<long, int>(customerIds.Count);
        for (var i = 0; i < customerIds.Count; i++)
        {
            if (!rowOf.TryAdd(customerIds[i], i))
            {
                throw new ArgumentException($"customer {customerIds[i]} appears twice among the training customers", nameof(customerIds));
            }
        }

        var pairRows = new int[products.PairCount];
        var all = new long[products.StockCodes.Count];
        for (var p = 0; p < pairRows.Length; p++)
        {
            pairRows[p] = rowOf.TryGetValue(products.Customers[p], out var row) ? row : -1;
            if (pairRows[p] >= 0)
            {
                all[products.Products[p]]++;
            }
        }

        return new SegmentProductLift(products, customerIds.Count, pairRows, all);
    }

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
    public static IReadOnlyList<SegmentProduct> Compute(CustomerProducts products, IReadOnlyList<long> customerIds, IReadOnlyList<int> labels, int minSupport, int top) =>
        For(products, customerIds).Compute(labels, minSupport, top);

    /// <summary>The top products of each segment of <paramref name="labels"/> (one per training customer, in their order); see <see cref="Compute(CustomerProducts, IReadOnlyList{long}, IReadOnlyList{int}, int, int)"/>.</summary>
    public IReadOnlyList<SegmentProduct> Compute(IReadOnlyList<int> labels, int minSupport, int top)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSupport, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (_customers != labels.Count)
        {
            throw new ArgumentException($"{_customers} customers but {labels.Count} labels", nameof(labels));
        }

        // Segment index of each training row (segments ascending), read once from the labels.
        var segments = labels.Distinct().Order().ToArray();
        var segmentIndex = segments.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        var segmentOfRow = new int[labels.Count];
        var segmentSizes = new long[segments.Length];
        for (var i = 0; i < segmentOfRow.Length; i++)
        {
            segmentOfRow[i] = segmentIndex[labels[i]];
            segmentSizes[segmentOfRow[i]]++;
        }

        var productCount = _all.Length;
        var bySegment = new long[segments.Length * productCount];
        for (var p = 0; p < _pairRows.Length; p++)
        {
            if (_pairRows[p] >= 0)
            {
                bySegment[(segmentOfRow[_pairRows[p]] * productCount) + _pairProducts[p]]++;
            }
        }

        var rows = new List<SegmentProduct>();
        long n = labels.Count;
        var best = new List<int>(top + 1);
        for (var s = 0; s < segments.Length; s++)
        {
            var offset = s * productCount;

            // Within one segment lift ∝ a/b (s and n are shared), so a₁·b₂ vs a₂·b₁ orders it exactly; support, then the
            // (unique) stock code break ties, so the order is total and the first `top` do not depend on how they are found.
            int Compare(int x, int y)
            {
                var (countX, countY) = (bySegment[offset + x], bySegment[offset + y]);
                var byLift = (countY * _all[x]).CompareTo(countX * _all[y]);
                if (byLift != 0)
                {
                    return byLift;
                }

                var bySupport = countY.CompareTo(countX);
                return bySupport != 0 ? bySupport : string.CompareOrdinal(_products.StockCodes[x], _products.StockCodes[y]);
            }

            // Keep only the best `top` in order (insertion into a short sorted list) instead of sorting every candidate:
            // this runs for every trial of a sweep, and most products fail against the current last one at once.
            best.Clear();
            for (var c = 0; c < productCount; c++)
            {
                if (bySegment[offset + c] < minSupport || (best.Count == top && Compare(c, best[^1]) >= 0))
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
                rows.Add(new SegmentProduct(segments[s], _products.StockCodes[c], _products.Descriptions[c], bySegment[offset + c], segmentSizes[s], _all[c], n, ++rank));
            }
        }

        return rows;
    }
}
