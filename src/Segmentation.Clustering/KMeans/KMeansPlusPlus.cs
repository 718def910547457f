using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Segmentation.Clustering.KMeans;

/// <summary>Greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007, "k-means++: the advantages of careful seeding"), as scikit-learn implements it.</summary>
/// <remarks>
/// The first centre is a uniformly random sample. Each further centre: draw 2 + ⌊ln k⌋ candidates with probability
/// proportional to the squared distance to the nearest chosen centre (D² sampling), and keep the candidate whose
/// addition leaves the smallest potential (sum of squared distances) — the greedy variant the paper's conclusion
/// mentions and scikit-learn uses. All candidates of a step are scored in one pass over the data, one SIMD lane
/// per candidate; potentials are summed per row block and the blocks added in order (thread-count independent).
/// </remarks>
internal sealed class KMeansPlusPlus
{
    private readonly Matrix x;
    private readonly int n;
    private readonly int d;
    private readonly int parallelism;
    private readonly RowChunks chunks;
    private readonly double[] closest;
    private readonly double[] cumulative;
    private readonly double[] partialPotential;
    private readonly int[] candidates;
    private readonly double[] transposed;
    private readonly double[] candidateDistances;

    public KMeansPlusPlus(Matrix x, int k, int parallelism)
    {
        this.x = x;
        this.parallelism = parallelism;
        n = x.Rows;
        d = x.Cols;
        chunks = RowChunks.For(n);
        closest = new double[n];
        cumulative = new double[n];
        var lanes = Lanes(k);
        partialPotential = new double[chunks.Count * lanes];
        candidates = new int[lanes];
        transposed = new double[d * lanes];
        candidateDistances = new double[n * lanes];
    }

    /// <summary>Writes k centres (row-major) into <paramref name="centers"/>.</summary>
    public void Seed(int k, SeededRandom random, Span<double> centers)
    {
        var trials = Trials(k);
        var width = Vector<double>.Count;
        var lanes = Lanes(k);
        var blocks = lanes / width;

        var first = random.NextInt(n);
        x.RowReadOnly(first).CopyTo(centers[..d]);
        var potential = InitialClosest(first);

        for (var c = 1; c < k; c++)
        {
            var running = 0.0;
            for (var i = 0; i < n; i++)
            {
                running += closest[i];
                cumulative[i] = running;
            }

            for (var t = 0; t < trials; t++)
            {
                var target = random.NextDouble() * potential;

                // numpy searchsorted(side="left"): first index whose cumulative sum reaches the target.
                var candidate = Array.BinarySearch(cumulative, target);
                candidate = candidate < 0 ? ~candidate : FirstEqual(cumulative, candidate);
                candidates[t] = Math.Min(candidate, n - 1);
            }

            // Padding lanes repeat the last candidate; their potentials are never read.
            for (var t = trials; t < lanes; t++)
            {
                candidates[t] = candidates[trials - 1];
            }

            for (var t = 0; t < lanes; t++)
            {
                var row = x.RowReadOnly(candidates[t]);
                for (var f = 0; f < d; f++)
                {
                    transposed[(((f * blocks) + (t / width)) * width) + (t % width)] = row[f];
                }
            }

            ScoreCandidates(blocks);
            var best = 0;
            var bestPotential = double.PositiveInfinity;
            for (var t = 0; t < trials; t++)
            {
                var candidatePotential = 0.0;
                for (var chunk = 0; chunk < chunks.Count; chunk++)
                {
                    candidatePotential += partialPotential[(chunk * lanes) + t];
                }

                if (candidatePotential < bestPotential)
                {
                    bestPotential = candidatePotential;
                    best = t;
                }
            }

            x.RowReadOnly(candidates[best]).CopyTo(centers.Slice(c * d, d));
            potential = TakeCandidate(best, lanes);
        }
    }

    // scikit-learn's n_local_trials: 2 + int(log(k)).
    private static int Trials(int k) => 2 + (int)Math.Log(k);

    private static int Lanes(int k)
    {
        var width = Vector<double>.Count;
        return (Trials(k) + width - 1) / width * width;
    }

    // Rows by reference (no per-row span or bounds check); each row's distance to every candidate is kept, so the
    // chosen candidate's distances need no second pass (the lanes compute exactly SquaredDistance's sum, in order).
    private void ScoreCandidates(int blocks)
    {
        var lanes = blocks * Vector<double>.Count;
        chunks.Run(parallelism, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
        {
            var potentials = MemoryMarshal.Cast<double, Vector<double>>(partialPotential.AsSpan(chunk * lanes, lanes));
            potentials.Clear();
            ref var potentialRef = ref MemoryMarshal.GetReference(potentials);
            ref var tRef = ref Unsafe.As<double, Vector<double>>(ref MemoryMarshal.GetArrayDataReference(transposed));
            ref var distanceRef = ref Unsafe.As<double, Vector<double>>(ref MemoryMarshal.GetArrayDataReference(candidateDistances));
            ref var data = ref MemoryMarshal.GetArrayDataReference(x.Data);
            ref var closestRef = ref MemoryMarshal.GetArrayDataReference(closest);
            int dim = d, end = chunks.End(chunk);

            // One block (k < 148 with 256-bit vectors): the potential accumulates in a register, not through memory,
            // where each row's add waited for the previous row's store.
            var single = Vector<double>.Zero;
            for (var i = chunks.Start(chunk); i < end; i++)
            {
                ref var row = ref Unsafe.Add(ref data, i * dim);
                var current = new Vector<double>(Unsafe.Add(ref closestRef, i));
                if (blocks == 1)
                {
                    var acc = Vector<double>.Zero;
                    for (var f = 0; f < dim; f++)
                    {
                        var diff = new Vector<double>(Unsafe.Add(ref row, f)) - Unsafe.Add(ref tRef, f);
                        acc += diff * diff;
                    }

                    Unsafe.Add(ref distanceRef, i) = acc;
                    single += Vector.Min(current, acc);
                    continue;
                }

                for (var b = 0; b < blocks; b++)
                {
                    var acc = Vector<double>.Zero;
                    for (var f = 0; f < dim; f++)
                    {
                        var diff = new Vector<double>(Unsafe.Add(ref row, f)) - Unsafe.Add(ref tRef, (f * blocks) + b);
                        acc += diff * diff;
                    }

                    Unsafe.Add(ref distanceRef, (i * blocks) + b) = acc;
                    Unsafe.Add(ref potentialRef, b) += Vector.Min(current, acc);
                }
            }

            if (blocks == 1)
            {
                potentialRef = single;
            }
        });
    }

    /// <summary>Takes candidate lane <paramref name="lane"/> as the next centre: closest distances and the potential.</summary>
    private double TakeCandidate(int lane, int lanes)
    {
        chunks.Run(parallelism, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
        {
            ref var closestRef = ref MemoryMarshal.GetArrayDataReference(closest);
            ref var distance = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(candidateDistances), lane);
            var end = chunks.End(chunk);
            var sum = 0.0;
            for (var i = chunks.Start(chunk); i < end; i++)
            {
                ref var current = ref Unsafe.Add(ref closestRef, i);
                current = Math.Min(current, Unsafe.Add(ref distance, i * lanes));
                sum += current;
            }

            partialPotential[chunk] = sum;
        });
        return SumInOrder(partialPotential.AsSpan(0, chunks.Count));
    }

    /// <summary>Closest distances and the potential with the first centre (row <paramref name="center"/>) alone.</summary>
    private double InitialClosest(int center)
    {
        chunks.Run(parallelism, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
        {
            ref var data = ref MemoryMarshal.GetArrayDataReference(x.Data);
            ref var c = ref Unsafe.Add(ref data, center * d);
            int dim = d, end = chunks.End(chunk);
            var sum = 0.0;
            for (var i = chunks.Start(chunk); i < end; i++)
            {
                closest[i] = CenterKernel.SquaredDistance(ref Unsafe.Add(ref data, i * dim), ref c, dim);
                sum += closest[i];
            }

            partialPotential[chunk] = sum;
        });

        return SumInOrder(partialPotential.AsSpan(0, chunks.Count));
    }

    private static double SumInOrder(ReadOnlySpan<double> values)
    {
        var total = 0.0;
        foreach (var v in values)
        {
            total += v;
        }

        return total;
    }

    private static int FirstEqual(double[] sorted, int index)
    {
        while (index > 0 && sorted[index - 1] == sorted[index])
        {
            index--;
        }

        return index;
    }
}
