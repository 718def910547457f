namespace Segmentation.Data.Features;

/// <summary>
/// Isolation forest anomaly scores (Liu, Ting and Zhou 2008, "Isolation Forest", ICDM): each tree isolates points
/// of a random subsample with random axis-parallel splits up to height ceil(log2 ψ); anomalies have short average
/// paths. Score s(x) = 2^(−E[h(x)] / c(ψ)), in (0, 1], higher is more anomalous. Fully determined by the seed.
/// </summary>
public sealed class IsolationForest
{
    private const double EulerGamma = 0.5772156649015329;
    private readonly List<Node[]> _trees = [];
    private readonly int _width;
    private readonly double _normaliser;

    private IsolationForest(int width, int sampleSize)
    {
        _width = width;
        _normaliser = AveragePathLength(sampleSize);
    }

    /// <summary>Fits <paramref name="trees"/> trees on row-major data (<paramref name="width"/> features per row).</summary>
    public static IsolationForest Fit(ReadOnlySpan<double> data, int width, int trees, int sampleSize, int seed)
    {
        if (width < 1 || data.Length % width != 0 || data.Length == 0)
        {
            throw new ArgumentException("data must hold at least one row of width values", nameof(data));
        }

        var rows = data.Length / width;
        var psi = Math.Min(sampleSize, rows);
        var forest = new IsolationForest(width, psi);
        var random = new Random(seed);
        var heightLimit = (int)Math.Ceiling(Math.Log2(Math.Max(psi, 2)));
        var all = Enumerable.Range(0, rows).ToArray();
        var copy = data.ToArray();
        for (var t = 0; t < trees; t++)
        {
            // Partial Fisher–Yates: the first psi entries are a uniform sample without replacement.
            for (var i = 0; i < psi; i++)
            {
                var j = random.Next(i, rows);
                (all[i], all[j]) = (all[j], all[i]);
            }

            var nodes = new List<Node>();
            Build(copy, width, all.AsSpan(0, psi).ToArray(), 0, heightLimit, random, nodes);
            forest._trees.Add([.. nodes]);
        }

        return forest;
    }

    /// <summary>The anomaly score of each row of row-major data.</summary>
    public double[] Score(ReadOnlySpan<double> data)
    {
        var rows = data.Length / _width;
        var scores = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var point = data.Slice(r * _width, _width);
            double total = 0;
            foreach (var tree in _trees)
            {
                total += PathLength(tree, point);
            }

            scores[r] = Math.Pow(2, -(total / _trees.Count) / _normaliser);
        }

        return scores;
    }

    /// <summary>c(n): the average path length of an unsuccessful binary search tree search among n points.</summary>
    public static double AveragePathLength(int n) => n switch
    {
        <= 1 => 0,
        2 => 1,
        _ => (2 * (Math.Log(n - 1) + EulerGamma)) - (2.0 * (n - 1) / n),
    };

    private static int Build(double[] data, int width, int[] rows, int depth, int heightLimit, Random random, List<Node> nodes)
    {
        var id = nodes.Count;
        nodes.Add(default);
        if (depth >= heightLimit || rows.Length <= 1)
        {
            nodes[id] = Node.Leaf(rows.Length);
            return id;
        }

        // Only features that still vary among these rows can split them.
        Span<int> candidates = stackalloc int[width];
        var count = 0;
        for (var f = 0; f < width; f++)
        {
            var (lo, hi) = Range(data, width, rows, f);
            if (hi > lo)
            {
                candidates[count++] = f;
            }
        }

        if (count == 0)
        {
            nodes[id] = Node.Leaf(rows.Length);
            return id;
        }

        var feature = candidates[random.Next(count)];
        var (min, max) = Range(data, width, rows, feature);
        var split = min + (random.NextDouble() * (max - min));
        var left = rows.Where(r => data[(r * width) + feature] < split).ToArray();
        var right = rows.Where(r => data[(r * width) + feature] >= split).ToArray();
        var leftId = Build(data, width, left, depth + 1, heightLimit, random, nodes);
        var rightId = Build(data, width, right, depth + 1, heightLimit, random, nodes);
        nodes[id] = new Node(feature, split, leftId, rightId, 0);
        return id;
    }

    private static (double Min, double Max) Range(double[] data, int width, int[] rows, int feature)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var r in rows)
        {
            var v = data[(r * width) + feature];
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return (min, max);
    }

    private static double PathLength(Node[] tree, ReadOnlySpan<double> point)
    {
        var id = 0;
        var depth = 0;
        while (tree[id].Left >= 0)
        {
            id = point[tree[id].Feature] < tree[id].Split ? tree[id].Left : tree[id].Right;
            depth++;
        }

        return depth + AveragePathLength(tree[id].Size);
    }

    private readonly record struct Node(int Feature, double Split, int Left, int Right, int Size)
    {
        public static Node Leaf(int size) => new(-1, 0, -1, -1, size);
    }
}
