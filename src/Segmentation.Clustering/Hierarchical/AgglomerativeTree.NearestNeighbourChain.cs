namespace Segmentation.Clustering.Hierarchical;

public sealed partial class AgglomerativeTree
{
    /// <summary>
    /// Nearest-neighbour chain (Murtagh 1983) over a private copy of the condensed distance matrix, updated with the
    /// Lance–Williams formula: complete takes the larger distance, average the size-weighted mean, and Ward works on
    /// squared distances, d(k, a∪b) = ((n_a + n_k)·d(k, a) + (n_b + n_k)·d(k, b) − n_k·d(a, b)) / (n_a + n_b + n_k).
    /// </summary>
    private static AgglomerativeTree BuildFromDistances(Metrics.PairwiseDistances distances, Linkage linkage)
    {
        var n = distances.Count;
        var matrix = distances.CopyCondensed();
        if (linkage == Linkage.Ward)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(matrix, matrix, matrix);
        }

        var rowStart = new long[n];
        for (var i = 0; i < n; i++)
        {
            rowStart[i] = Metrics.PairwiseDistances.RowStart(i, n);
        }

        // Active slots as a compact list (order irrelevant) so searches skip merged slots without testing them.
        var activeList = new int[n];
        var slotPosition = new int[n];
        for (var i = 0; i < n; i++)
        {
            activeList[i] = i;
            slotPosition[i] = i;
        }

        var sizes = new double[n];
        Array.Fill(sizes, 1.0);
        var chain = new int[n];
        var chainLength = 0;
        var rawLeft = new int[n - 1];
        var rawRight = new int[n - 1];
        var rawHeight = new double[n - 1];
        var merged = 0;
        var active = n;
        while (active > 1)
        {
            if (chainLength == 0)
            {
                chain[chainLength++] = activeList[0];
            }

            var a = chain[chainLength - 1];
            var best = -1;
            var bestDistance = double.PositiveInfinity;
            for (var p = 0; p < active; p++)
            {
                var s = activeList[p];
                if (s == a)
                {
                    continue;
                }

                var value = matrix[Index(rowStart, a, s)];
                if (value < bestDistance || best < 0)
                {
                    bestDistance = value;
                    best = s;
                }
            }

            if (chainLength >= 2)
            {
                var previous = chain[chainLength - 2];
                if (matrix[Index(rowStart, a, previous)] <= bestDistance)
                {
                    best = previous;
                }
            }

            if (chainLength < 2 || best != chain[chainLength - 2])
            {
                chain[chainLength++] = best;
                continue;
            }

            chainLength -= 2;
            var b = best;
            var between = matrix[Index(rowStart, a, b)];
            rawLeft[merged] = a;
            rawRight[merged] = b;
            rawHeight[merged] = linkage == Linkage.Ward ? Math.Sqrt(between) : between;
            merged++;

            // The merged cluster lives on in slot a; slot b leaves the active list.
            var sizeA = sizes[a];
            var sizeB = sizes[b];
            var last = activeList[active - 1];
            activeList[slotPosition[b]] = last;
            slotPosition[last] = slotPosition[b];
            active--;
            for (var p = 0; p < active; p++)
            {
                var k = activeList[p];
                if (k == a)
                {
                    continue;
                }

                var ka = Index(rowStart, k, a);
                var dka = matrix[ka];
                var dkb = matrix[Index(rowStart, k, b)];
                matrix[ka] = linkage switch
                {
                    Linkage.Complete => Math.Max(dka, dkb),
                    Linkage.Average => ((sizeA * dka) + (sizeB * dkb)) / (sizeA + sizeB),
                    _ => (((sizeA + sizes[k]) * dka) + ((sizeB + sizes[k]) * dkb) - (sizes[k] * between)) / (sizeA + sizeB + sizes[k]),
                };
            }

            sizes[a] = sizeA + sizeB;
        }

        return Finish(linkage, n, rawLeft, rawRight, rawHeight);
    }

    private static long Index(long[] rowStart, int i, int j) =>
        i < j ? rowStart[i] + (j - i - 1) : rowStart[j] + (i - j - 1);
}
