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
            Count(slots, bySegment);
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
    // Plain array indexing throughout: the ReadyToRun code of a sweep calls span helpers rather than inlining them.
    private void Count(SegmentSlots slots, long[] bySegment)
    {
        var productCount = _all.Length;
        Array.Clear(bySegment, 0, slots.Count * productCount);
        var largest = 0;
        for (var s = 1; s < slots.Count; s++)
        {
            largest = slots.Sizes[s] > slots.Sizes[largest] ? s : largest;
        }

        var (slotOfRow, rowStart, rowProducts) = (slots.SlotOfRow, _rowStart, _rowProducts);
        for (var r = 0; r < slotOfRow.Length; r++)
        {
            var slot = slotOfRow[r];
            if (slot == largest)
            {
                continue;
            }

            var offset = slot * productCount;
            for (var j = rowStart[r]; j < rowStart[r + 1]; j++)
            {
                bySegment[offset + rowProducts[j]]++;
            }
        }

        var rest = largest * productCount;
        for (var c = 0; c < productCount; c++)
        {
            var count = _all[c];
            for (var s = 0; s < slots.Count; s++)
            {
                count -= s == largest ? 0 : bySegment[(s * productCount) + c];
            }

            bySegment[rest + c] = count;
        }
    }

    // The first `top` products of each segment by lift, support and stock code, from the segments' counts.
    private List<SegmentProduct> Rank(SegmentSlots slots, long[] bySegment, int minSupport, int top)
    {
        var productCount = _all.Length;
        var all = _all;
        var codes = _products.StockCodes;
        var rows = new List<SegmentProduct>();
        long n = _customers;
        // The best `top` so far in order, in a plain array (one spare slot for the shift): the ReadyToRun code of a sweep
        // calls a List's members rather than inlining them, once per candidate.
        var best = new int[Math.Min(top, productCount) + 1];
        for (var s = 0; s < slots.Count; s++)
        {
            var offset = s * productCount;

            // Within one segment lift ∝ a/b (s and n are shared), so a₁·b₂ vs a₂·b₁ orders it exactly; support, then the
            // (unique) stock code break ties, so the order is total and the first `top` do not depend on how they are found.
            int Compare(int x, int y)
            {
                var (countX, countY) = (bySegment[offset + x], bySegment[offset + y]);
                var byLift = (countY * all[x]).CompareTo(countX * all[y]);
                if (byLift != 0)
                {
                    return byLift;
                }

                var bySupport = countY.CompareTo(countX);
                return bySupport != 0 ? bySupport : string.CompareOrdinal(codes[x], codes[y]);
            }

            // Keep only the best `top` in order (insertion into a short sorted list) instead of sorting every candidate:
            // this runs for every trial of a sweep, and most products fail against the current last one at once.
            var kept = 0;
            for (var c = 0; c < productCount; c++)
            {
                if (bySegment[offset + c] < minSupport || (kept == top && Compare(c, best[kept - 1]) >= 0))
                {
                    continue;
                }

                // Shifted up past every kept product that ranks after it; when full, the last one falls into the spare slot.
                var at = kept;
                while (at > 0 && Compare(c, best[at - 1]) < 0)
                {
                    best[at] = best[at - 1];
                    at--;
                }

                best[at] = c;
                kept = Math.Min(kept + 1, top);
            }

            for (var i = 0; i < kept; i++)
            {
                var c = best[i];
                rows.Add(new SegmentProduct(slots.Labels[s], codes[c], _products.Descriptions[c], bySegment[offset + c], slots.Sizes[s], all[c], n, i + 1));
            }
        }

        return rows;
    }
}
