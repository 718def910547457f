using System.Buffers;

namespace Segmentation.Data.Products;

/// <summary>
/// The top products of each segment by lift: the share of the segment's customers who bought a product ÷ the share of
/// all training customers who did, from integer counts, compared and ranked as exact fractions.
/// </summary>
/// <remarks>
/// A sweep ranks the products of every trial on the same customers and pairs, so what does not depend on the labels —
/// each pair's training row and each product's count over all training customers — is worked out once
/// (<see cref="For"/>), with the pairs grouped by training row; a trial then adds each row's products to its segment's counts
/// (no per-pair lookup) for every segment but the largest, whose counts are the totals less the others'.
/// </remarks>
public sealed class SegmentProductLift
{
    private readonly CustomerProducts _products;
    private readonly int _customers;

    // The products of each training row, row by row: row r's are _rowProducts[_rowStart[r] .. _rowStart[r + 1]). A customer
    // the outlier policy removed has pairs but no row, so none here.
    private readonly int[] _rowStart;
    private readonly int[] _rowProducts;

    // Training customers who bought each product.
    private readonly long[] _all;

    private SegmentProductLift(CustomerProducts products, int customers, int[] rowStart, int[] rowProducts, long[] all)
    {
        _products = products;
        _customers = customers;
        _rowStart = rowStart;
        _rowProducts = rowProducts;
        _all = all;
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
        var rowStart = new int[customerIds.Count + 1];
        for (var p = 0; p < pairRows.Length; p++)
        {
            pairRows[p] = rowOf.TryGetValue(products.Customers[p], out var row) ? row : -1;
            if (pairRows[p] >= 0)
            {
                all[products.Products[p]]++;
                rowStart[pairRows[p] + 1]++;
            }
        }

        for (var r = 0; r < customerIds.Count; r++)
        {
            rowStart[r + 1] += rowStart[r];
        }

        var rowProducts = new int[rowStart[^1]];
        var next = rowStart[..^1];
        for (var p = 0; p < pairRows.Length; p++)
        {
            if (pairRows[p] >= 0)
            {
                rowProducts[next[pairRows[p]]++] = products.Products[p];
            }
        }

        return new SegmentProductLift(products, customerIds.Count, rowStart, rowProducts, all);
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

        var slots = SegmentSlots.Of(labels);
        var productCount = _all.Length;
        var bySegment = ArrayPool<long>.Shared.Rent(slots.Count * productCount);
        try
        {
            Count(slots, bySegment.AsSpan(0, slots.Count * productCount));
            return Rank(slots, bySegment, minSupport, top);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(bySegment);
        }
    }

    // bySegment[s · products + c]: customers of segment slot s who bought product c. Each row adds its products to its
    // segment's counts, walking the rows' products in order (no per-pair lookup); the largest segment is not walked at all:
    // its counts are the totals less the other segments' (exact integers), which skips its share of the pairs, most of them
    // at small k.
    private void Count(SegmentSlots slots, Span<long> bySegment)
    {
        bySegment.Clear();
        var productCount = _all.Length;
        var largest = 0;
        for (var s = 1; s < slots.Count; s++)
        {
            largest = slots.Sizes[s] > slots.Sizes[largest] ? s : largest;
        }

        var slotOfRow = slots.SlotOfRow;
        for (var r = 0; r < slotOfRow.Length; r++)
        {
            var slot = slotOfRow[r];
            if (slot == largest)
            {
                continue;
            }

            var counts = bySegment.Slice(slot * productCount, productCount);
            foreach (var product in _rowProducts.AsSpan(_rowStart[r], _rowStart[r + 1] - _rowStart[r]))
            {
                counts[product]++;
            }
        }

        var rest = bySegment.Slice(largest * productCount, productCount);
        _all.CopyTo(rest);
        for (var s = 0; s < slots.Count; s++)
        {
            if (s != largest)
            {
                var counts = bySegment.Slice(s * productCount, productCount);
                for (var c = 0; c < productCount; c++)
                {
                    rest[c] -= counts[c];
                }
            }
        }

    }

    // The first `top` products of each segment by lift, support and stock code, from the segments' counts.
    private List<SegmentProduct> Rank(SegmentSlots slots, long[] bySegment, int minSupport, int top)
    {
        var productCount = _all.Length;
        var rows = new List<SegmentProduct>();
        long n = _customers;
        var best = new List<int>(top + 1);
        for (var s = 0; s < slots.Count; s++)
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
                rows.Add(new SegmentProduct(slots.Labels[s], _products.StockCodes[c], _products.Descriptions[c], bySegment[offset + c], slots.Sizes[s], _all[c], n, ++rank));
            }
        }

        return rows;
    }
}
