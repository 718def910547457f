using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Segmentation.Clustering.KMeans;

/// <summary>Buffers and iterations of one k-means start; reused across starts run by the same worker.</summary>
/// <remarks>
/// Work is split into fixed row blocks (<see cref="RowChunks"/>); each block accumulates its own partial centre
/// sums and the blocks are then added in block order, so the result is bit-identical for any thread count.
/// The iteration and stopping rules follow scikit-learn's _kmeans_single_lloyd / _kmeans_single_elkan: stop when
/// the labels no longer change, or when the summed squared centre shift is at most the (variance-scaled) tolerance;
/// if stopped by tolerance, one more assignment step makes the labels match the final centres.
/// </remarks>
internal sealed partial class KMeansRun
{
    private readonly Matrix x;
    private readonly int n;
    private readonly int d;
    private readonly int k;
    private readonly int parallelism;
    private readonly RowChunks chunks;
    private readonly CenterKernel kernel;
    private readonly double[] partialSums;
    private readonly int[] partialCounts;
    private readonly double[] partialInertia;
    private readonly int[] labelsOld;
    private readonly double[] centerShift;
    private readonly int[] counts;
    private double[] centers;
    private double[] newCenters;

    public KMeansRun(Matrix x, int k, int parallelism)
    {
        this.x = x;
        this.k = k;
        this.parallelism = parallelism;
        n = x.Rows;
        d = x.Cols;
        chunks = RowChunks.For(n);
        kernel = new CenterKernel(k, d);
        partialSums = new double[chunks.Count * k * d];
        partialCounts = new int[chunks.Count * k];
        partialInertia = new double[chunks.Count];
        Labels = new int[n];
        labelsOld = new int[n];
        centerShift = new double[k];
        counts = new int[k];
        centers = new double[k * d];
        newCenters = new double[k * d];
        upperBound = new double[n];
        pendingRows = new int[n];
        lowerBound = new double[n];
        halfGap = new double[k];
        otherShift = new double[k];
        rowNorms = new double[n];
        for (var i = 0; i < n; i++)
        {
            foreach (var value in x.RowReadOnly(i))
            {
                rowNorms[i] += value * value;
            }
        }

        Seeder = new KMeansPlusPlus(x, k, parallelism);
    }

    /// <summary>k-means++ seeding over the same data, sharing this run's thread budget.</summary>
    public KMeansPlusPlus Seeder { get; }

    /// <summary>Labels after the last run.</summary>
    public int[] Labels { get; }

    /// <summary>Centres after the last run (k × d, row-major).</summary>
    public ReadOnlySpan<double> Centers => centers;

    /// <summary>Runs k-means from <paramref name="initialCenters"/>; returns (inertia, iterations).</summary>
    public (double Inertia, int Iterations) Run(
        ReadOnlySpan<double> initialCenters, KMeansAlgorithm algorithm, int maxIterations, double tolerance, List<double>? trace)
    {
        initialCenters.CopyTo(centers);
        var iterations = algorithm == KMeansAlgorithm.Elkan
            ? RunElkan(maxIterations, tolerance)
            : RunLloyd(maxIterations, tolerance, trace);
        return (ComputeInertia(), iterations);
    }

    private int RunLloyd(int maxIterations, double tolerance, List<double>? trace)
    {
        labelsOld.AsSpan().Fill(-1);
        ResetBounds();
        var slack = SkipSlack(maxIterations);
        var strict = false;
        var iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            AssignLloyd(trace is not null, slack);
            if (trace is not null)
            {
                trace.Add(SumInOrder(partialInertia));
            }

            UpdateCenters();
            (centers, newCenters) = (newCenters, centers);
            if (Labels.AsSpan().SequenceEqual(labelsOld))
            {
                strict = true;
                break;
            }

            if (SquaredShift() <= tolerance)
            {
                break;
            }

            Labels.AsSpan().CopyTo(labelsOld);
        }

        if (!strict)
        {
            AssignLloyd(false, slack);
        }

        return Math.Min(iteration + 1, maxIterations);
    }

    /// <summary>New centres from the block partial sums, in block order; relocates empty clusters; fills the shifts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateCenters()
    {
        Array.Clear(newCenters);
        Array.Clear(counts);
        for (var chunk = 0; chunk < chunks.Count; chunk++)
        {
            var sums = partialSums.AsSpan(chunk * k * d, k * d);
            for (var j = 0; j < k * d; j++)
            {
                newCenters[j] += sums[j];
            }

            var chunkCounts = partialCounts.AsSpan(chunk * k, k);
            for (var j = 0; j < k; j++)
            {
                counts[j] += chunkCounts[j];
            }
        }

        RelocateEmptyClusters();
        for (var j = 0; j < k; j++)
        {
            if (counts[j] > 0)
            {
                var c = newCenters.AsSpan(j * d, d);
                for (var f = 0; f < d; f++)
                {
                    c[f] /= counts[j];
                }
            }

            centerShift[j] = Math.Sqrt(CenterKernel.SquaredDistance(newCenters.AsSpan(j * d, d), centers.AsSpan(j * d, d)));
        }
    }

    // scikit-learn's _relocate_empty_clusters_dense: each empty cluster takes the point farthest from its current
    // centre (farthest first), and that point's sum moves out of its old cluster. This keeps k clusters alive.
    private void RelocateEmptyClusters()
    {
        var empty = 0;
        for (var j = 0; j < k; j++)
        {
            if (counts[j] == 0)
            {
                empty++;
            }
        }

        if (empty == 0)
        {
            return;
        }

        var distances = new double[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            distances[i] = -CenterKernel.SquaredDistance(x.RowReadOnly(i), centers.AsSpan(Labels[i] * d, d));
            order[i] = i;
        }

        Array.Sort(distances, order);
        var next = 0;
        for (var j = 0; j < k; j++)
        {
            if (counts[j] != 0)
            {
                continue;
            }

            var far = order[next++];
            var row = x.RowReadOnly(far);
            var old = Labels[far];
            var oldSum = newCenters.AsSpan(old * d, d);
            var newSum = newCenters.AsSpan(j * d, d);
            for (var f = 0; f < d; f++)
            {
                oldSum[f] -= row[f];
                newSum[f] = row[f];
            }

            counts[j] = 1;
            counts[old]--;
        }
    }

    private double SquaredShift()
    {
        var total = 0.0;
        foreach (var s in centerShift)
        {
            total += s * s;
        }

        return total;
    }

    private double ComputeInertia()
    {
        chunks.Run(parallelism, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
        {
            ref var data = ref MemoryMarshal.GetArrayDataReference(x.Data);
            ref var centerRef = ref MemoryMarshal.GetArrayDataReference(centers);
            int dim = d, end = chunks.End(chunk);
            var inertia = 0.0;
            for (var i = chunks.Start(chunk); i < end; i++)
            {
                inertia += CenterKernel.SquaredDistance(ref Unsafe.Add(ref data, i * dim), ref Unsafe.Add(ref centerRef, Labels[i] * dim), dim);
            }

            partialInertia[chunk] = inertia;
        });
        return SumInOrder(partialInertia);
    }

    private static double SumInOrder(double[] values)
    {
        var total = 0.0;
        foreach (var v in values)
        {
            total += v;
        }

        return total;
    }
}
