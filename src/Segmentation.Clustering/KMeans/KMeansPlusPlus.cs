namespace Segmentation.Clustering.KMeans;

/// <summary>Greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007, "k-means++: the advantages of careful seeding"), as scikit-learn implements it.</summary>
/// <remarks>
/// The first centre is a uniformly random sample. Each further centre: draw 2 + ⌊ln k⌋ candidates with probability
/// proportional to the squared distance to the nearest chosen centre (D² sampling), and keep the candidate whose
/// addition leaves the smallest potential (sum of squared distances) — the greedy variant the paper's conclusion
/// mentions and scikit-learn uses.
/// </remarks>
internal static class KMeansPlusPlus
{
    /// <summary>Writes k centres (row-major) into <paramref name="centers"/>.</summary>
    public static void Seed(Matrix x, int k, SeededRandom random, Span<double> centers)
    {
        int n = x.Rows, d = x.Cols;
        var trials = 2 + (int)Math.Log(k);
        var closest = new double[n];
        var candidateDistances = new double[n];
        var bestDistances = new double[n];
        var cumulative = new double[n];

        var first = random.NextInt(n);
        x.RowReadOnly(first).CopyTo(centers[..d]);
        var potential = 0.0;
        var c0 = x.RowReadOnly(first);
        for (var i = 0; i < n; i++)
        {
            closest[i] = CenterKernel.SquaredDistance(x.RowReadOnly(i), c0);
            potential += closest[i];
        }

        for (var c = 1; c < k; c++)
        {
            var running = 0.0;
            for (var i = 0; i < n; i++)
            {
                running += closest[i];
                cumulative[i] = running;
            }

            var bestCandidate = -1;
            var bestPotential = double.PositiveInfinity;
            for (var t = 0; t < trials; t++)
            {
                var target = random.NextDouble() * potential;

                // numpy searchsorted(side="left"): first index whose cumulative sum reaches the target.
                var candidate = Array.BinarySearch(cumulative, target);
                candidate = candidate < 0 ? ~candidate : FirstEqual(cumulative, candidate);
                candidate = Math.Min(candidate, n - 1);

                var candidateRow = x.RowReadOnly(candidate);
                var candidatePotential = 0.0;
                for (var i = 0; i < n; i++)
                {
                    var dist = Math.Min(closest[i], CenterKernel.SquaredDistance(x.RowReadOnly(i), candidateRow));
                    candidateDistances[i] = dist;
                    candidatePotential += dist;
                }

                if (candidatePotential < bestPotential)
                {
                    bestPotential = candidatePotential;
                    bestCandidate = candidate;
                    candidateDistances.AsSpan().CopyTo(bestDistances);
                }
            }

            x.RowReadOnly(bestCandidate).CopyTo(centers.Slice(c * d, d));
            bestDistances.AsSpan().CopyTo(closest);
            potential = bestPotential;
        }
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
