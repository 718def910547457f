using System.Runtime.CompilerServices;

namespace Segmentation.Clustering.Density;

/// <summary>
/// A k-d tree (Bentley 1975) over the rows of a matrix for Euclidean radius and nearest-neighbour queries, with a
/// bounding box per node so whole subtrees farther than the radius are skipped. Immutable after construction and
/// safe for concurrent queries (each caller passes its own scratch stack).
/// </summary>
internal sealed class KdTree
{
    private const int LeafSize = 16;

    private readonly int dimensions;
    private readonly double[] points;
    private readonly int[] originalIndex;
    private readonly Node[] nodes;
    private readonly double[] boxes;

    public KdTree(Matrix x)
    {
        dimensions = x.Cols;
        var n = x.Rows;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var nodeList = new List<Node>();
        var boxList = new List<double>();
        Build(x, order, 0, n, nodeList, boxList);
        nodes = [.. nodeList];
        boxes = [.. boxList];

        // Points are stored in tree order so a leaf scan reads one contiguous block.
        points = new double[n * dimensions];
        for (var p = 0; p < n; p++)
        {
            x.RowReadOnly(order[p]).CopyTo(points.AsSpan(p * dimensions, dimensions));
        }

        originalIndex = order;
    }

    /// <summary>Depth bound for the query stack.</summary>
    public int StackSize => nodes.Length + 1;

    /// <summary>Adds to <paramref name="result"/> the index of every point within distance √<paramref name="radiusSquared"/> of <paramref name="query"/> (inclusive).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Radius(ReadOnlySpan<double> query, double radiusSquared, List<int> result, int[] stack)
    {
        var top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            var node = nodes[stack[--top]];
            if (BoxDistanceSquared(node.Box, query) > radiusSquared)
            {
                continue;
            }

            if (node.Left < 0)
            {
                for (var p = node.Start; p < node.End; p++)
                {
                    if (DistanceSquared(p, query) <= radiusSquared)
                    {
                        result.Add(originalIndex[p]);
                    }
                }

                continue;
            }

            stack[top++] = node.Right;
            stack[top++] = node.Left;
        }
    }

    /// <summary>Index of the nearest point within √<paramref name="radiusSquared"/> (lowest index on ties), or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Nearest(ReadOnlySpan<double> query, double radiusSquared, int[] stack)
    {
        var best = -1;
        var bestDistance = radiusSquared;
        var top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            var node = nodes[stack[--top]];
            if (BoxDistanceSquared(node.Box, query) > bestDistance)
            {
                continue;
            }

            if (node.Left < 0)
            {
                for (var p = node.Start; p < node.End; p++)
                {
                    var distance = DistanceSquared(p, query);
                    if (distance < bestDistance || (distance == bestDistance && (best < 0 || originalIndex[p] < best)))
                    {
                        bestDistance = distance;
                        best = originalIndex[p];
                    }
                }

                continue;
            }

            stack[top++] = node.Right;
            stack[top++] = node.Left;
        }

        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double DistanceSquared(int p, ReadOnlySpan<double> query)
    {
        var row = points.AsSpan(p * dimensions, dimensions);
        var sum = 0.0;
        for (var f = 0; f < dimensions; f++)
        {
            var diff = row[f] - query[f];
            sum += diff * diff;
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double BoxDistanceSquared(int box, ReadOnlySpan<double> query)
    {
        var sum = 0.0;
        for (var f = 0; f < dimensions; f++)
        {
            var low = boxes[box + f];
            var high = boxes[box + dimensions + f];
            var q = query[f];
            var diff = q < low ? low - q : q > high ? q - high : 0.0;
            sum += diff * diff;
        }

        return sum;
    }

    /// <summary>Builds the subtree over order[start, end) and returns its node index.</summary>
    private int Build(Matrix x, int[] order, int start, int end, List<Node> nodes, List<double> boxes)
    {
        var box = boxes.Count;
        var spreadDimension = 0;
        var widest = -1.0;
        for (var f = 0; f < dimensions; f++)
        {
            var low = double.PositiveInfinity;
            var high = double.NegativeInfinity;
            for (var p = start; p < end; p++)
            {
                var value = x.Data[(order[p] * dimensions) + f];
                low = Math.Min(low, value);
                high = Math.Max(high, value);
            }

            boxes.Add(low);
            if (high - low > widest)
            {
                widest = high - low;
                spreadDimension = f;
            }
        }

        for (var f = 0; f < dimensions; f++)
        {
            var high = double.NegativeInfinity;
            for (var p = start; p < end; p++)
            {
                high = Math.Max(high, x.Data[(order[p] * dimensions) + f]);
            }

            boxes.Add(high);
        }

        var index = nodes.Count;
        nodes.Add(new Node(start, end, -1, -1, box));
        if (end - start <= LeafSize || widest <= 0)
        {
            return index;
        }

        var middle = (start + end) / 2;
        Select(x, order, start, end - 1, middle, spreadDimension);
        var left = Build(x, order, start, middle, nodes, boxes);
        var right = Build(x, order, middle, end, nodes, boxes);
        nodes[index] = new Node(start, end, left, right, box);
        return index;
    }

    /// <summary>Quickselect: order[k] gets the element of rank k in [lo, hi] by coordinate f, smaller ones before it.</summary>
    private void Select(Matrix x, int[] order, int lo, int hi, int k, int f)
    {
        var data = x.Data;
        while (lo < hi)
        {
            var pivot = data[(order[(lo + hi) >>> 1] * dimensions) + f];
            var i = lo;
            var j = hi;
            while (i <= j)
            {
                while (data[(order[i] * dimensions) + f] < pivot)
                {
                    i++;
                }

                while (data[(order[j] * dimensions) + f] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (order[i], order[j]) = (order[j], order[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return;
            }
        }
    }

    private readonly record struct Node(int Start, int End, int Left, int Right, int Box);
}
