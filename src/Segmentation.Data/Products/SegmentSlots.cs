namespace Segmentation.Data.Products;

/// <summary>
/// The segments of a labelling as dense slots: the distinct labels ascending (noise −1 first when present), each row's slot
/// and each slot's size. Segment tables are built per slot in arrays, then written in label order.
/// </summary>
/// <remarks>
/// This runs for every trial of a sweep (segment profiles, the cluster profile, the product lift): one table read per row
/// for the labels of practice (small integers), where a sorted tree cost two tree lookups a row and its generic code was
/// compiled at run time.
/// </remarks>
public sealed class SegmentSlots
{
    private SegmentSlots(int[] labels, int[] slotOfRow, int[] sizes)
    {
        Labels = labels;
        SlotOfRow = slotOfRow;
        Sizes = sizes;
    }

    /// <summary>The distinct labels, ascending; slot s holds label <c>Labels[s]</c>.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>Each row's slot (0 .. <see cref="Count"/> − 1).</summary>
    public int[] SlotOfRow { get; }

    /// <summary>Rows per slot.</summary>
    public int[] Sizes { get; }

    /// <summary>Number of segments.</summary>
    public int Count => Sizes.Length;

    /// <summary>The slots of <paramref name="labels"/> (any integers; an empty labelling has none).</summary>
    public static SegmentSlots Of(ReadOnlySpan<int> labels)
    {
        var slotOfRow = new int[labels.Length];
        if (labels.IsEmpty)
        {
            return new SegmentSlots([], slotOfRow, []);
        }

        var (min, max) = (labels[0], labels[0]);
        foreach (var label in labels)
        {
            (min, max) = (Math.Min(min, label), Math.Max(max, label));
        }

        // A table over the label range when it is not much wider than the rows (always, for cluster labels); a hash otherwise.
        var range = (long)max - min + 1;
        return range <= labels.Length + 1024L ? ByTable(labels, min, (int)range, slotOfRow) : ByHash(labels, slotOfRow);
    }

    /// <summary><see cref="Of(ReadOnlySpan{int})"/> of a list of labels.</summary>
    public static SegmentSlots Of(IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels is int[] array ? Of(array.AsSpan()) : Of([.. labels]);
    }

    private static SegmentSlots ByTable(ReadOnlySpan<int> labels, int min, int range, int[] slotOfRow)
    {
        var table = new int[range];
        foreach (var label in labels)
        {
            table[label - min]++;
        }

        // Counts first, so the slots come out in label order without a sort.
        var distinct = new List<int>();
        var sizes = new List<int>();
        for (var v = 0; v < range; v++)
        {
            if (table[v] > 0)
            {
                sizes.Add(table[v]);
                table[v] = distinct.Count;
                distinct.Add(v + min);
            }
        }

        for (var i = 0; i < labels.Length; i++)
        {
            slotOfRow[i] = table[labels[i] - min];
        }

        return new SegmentSlots([.. distinct], slotOfRow, [.. sizes]);
    }

    private static SegmentSlots ByHash(ReadOnlySpan<int> labels, int[] slotOfRow)
    {
        var sizeOf = new Dictionary<int, int>();
        foreach (var label in labels)
        {
            sizeOf[label] = sizeOf.GetValueOrDefault(label) + 1;
        }

        var distinct = sizeOf.Keys.ToArray();
        Array.Sort(distinct);
        var slotOf = new Dictionary<int, int>(distinct.Length);
        var sizes = new int[distinct.Length];
        for (var s = 0; s < distinct.Length; s++)
        {
            slotOf[distinct[s]] = s;
            sizes[s] = sizeOf[distinct[s]];
        }

        for (var i = 0; i < labels.Length; i++)
        {
            slotOfRow[i] = slotOf[labels[i]];
        }

        return new SegmentSlots(distinct, slotOfRow, sizes);
    }
}
