using Segmentation.Clustering.KMeans;

namespace Segmentation.Clustering.Tests.KMeans;

/// <summary>
/// Hamerly's bounds (KMeansRun.Hamerly.cs) may skip a row's nearest-centre search only when that search would have kept
/// its label. Checked against a plain Lloyd written here, which searches every row with the same expanded form
/// ‖c‖² − 2·x·c and does the same arithmetic as KMeans.Fit otherwise (centring on the mean, centre sums in row order:
/// with at most 512 rows there is one row block), so both sides see bit-identical centres and any difference can only
/// come from a skipped search. Integer grids make exact ties (points halfway between centres) common; continuous
/// data puts many points within a hair of a boundary, where a skip test without its rounding margin goes wrong.
/// </summary>
public sealed class KMeansRunHamerlyTests
{
    [Fact]
    public void Fit_TieHeavyIntegerGrids_SameLabelsCentresAndIterationsAsFullSearchLloyd()
    {
        var compared = 0;
        for (var seed = 0; seed < 120; seed++)
        {
            var random = new SeededRandom((ulong)seed + 777);
            var d = 1 + (seed % 4);
            var k = 2 + (seed % 13);
            var x = seed % 2 == 0
                ? SymmetricGrid(random, 100 + random.NextInt(150), d, 2 + (seed % 3))
                : KMeansTests.RandomData(seed, 200 + random.NextInt(312), d);
            var initial = new Matrix(k, d);
            for (var j = 0; j < k; j++)
            {
                for (var f = 0; f < d; f++)
                {
                    // Half-integer starting centres put many grid points exactly halfway between two of them.
                    initial[j, f] = seed % 2 == 0 ? 0.5 * (random.NextInt(9) - 4) : x[random.NextInt(x.Rows), f];
                }
            }

            var reference = ReferenceLloyd(x, initial, 300);
            if (reference is null)
            {
                continue; // an empty cluster: relocation is not part of the reference
            }

            var result = Segmentation.Clustering.KMeans.KMeans.Fit(
                x, new KMeansOptions { Clusters = k, InitialCenters = initial, Tolerance = 0, MaxDegreeOfParallelism = 1 });
            Assert.Equal(reference.Value.Labels, result.Labels);
            Assert.Equal(reference.Value.Centers.Data, result.Model.Centers.Data);
            Assert.Equal(reference.Value.Iterations, result.Iterations);
            compared++;
        }

        Assert.True(compared >= 40, $"only {compared} of 120 cases ran without an empty cluster");
    }

    [Fact]
    public void Fit_LargeBlobs_SameResultAsParallelAndElkan()
    {
        // 40,000 rows: many row blocks, long runs where most rows skip the search.
        var x = KMeansTests.RandomData(31, 40_000, 5);
        var options = new KMeansOptions { Clusters = 9, NInit = 2, Seed = 4, MaxDegreeOfParallelism = 1 };
        var serial = Segmentation.Clustering.KMeans.KMeans.Fit(x, options);
        var parallel = Segmentation.Clustering.KMeans.KMeans.Fit(x, options with { MaxDegreeOfParallelism = 2 });
        var elkan = Segmentation.Clustering.KMeans.KMeans.Fit(x, options with { Algorithm = KMeansAlgorithm.Elkan });
        Assert.Equal(serial.Labels, parallel.Labels);
        Assert.Equal(serial.Model.Centers.Data, parallel.Model.Centers.Data);
        Assert.Equal(serial.Labels, elkan.Labels);
        Assert.Equal(serial.Inertia, elkan.Inertia, 1e-9 * serial.Inertia);
    }

    private static Matrix SymmetricGrid(SeededRandom random, int half, int d, int radius)
    {
        var x = new Matrix(2 * half, d);
        for (var i = 0; i < half; i++)
        {
            for (var f = 0; f < d; f++)
            {
                var v = random.NextInt((2 * radius) + 1) - radius;
                x[i, f] = v;
                x[half + i, f] = -v;
            }
        }

        return x;
    }

    // scikit-learn's _kmeans_single_lloyd stopping rules (tolerance 0), every row searched, ties to the lowest index.
    private static (int[] Labels, Matrix Centers, int Iterations)? ReferenceLloyd(Matrix x, Matrix initial, int maxIterations)
    {
        int n = x.Rows, d = x.Cols, k = initial.Rows;
        var mean = new double[d];
        for (var i = 0; i < n; i++)
        {
            for (var f = 0; f < d; f++)
            {
                mean[f] += x[i, f];
            }
        }

        for (var f = 0; f < d; f++)
        {
            mean[f] /= n;
        }

        x = x.Clone();
        var centers = initial.Clone();
        for (var f = 0; f < d; f++)
        {
            for (var i = 0; i < n; i++)
            {
                x[i, f] -= mean[f];
            }

            for (var j = 0; j < k; j++)
            {
                centers[j, f] -= mean[f];
            }
        }

        var labels = new int[n];
        var old = Enumerable.Repeat(-1, n).ToArray();
        var strict = false;
        var iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            Assign(x, centers, labels);
            var next = new Matrix(k, d);
            var counts = new int[k];
            for (var i = 0; i < n; i++)
            {
                counts[labels[i]]++;
                for (var f = 0; f < d; f++)
                {
                    next[labels[i], f] += x[i, f];
                }
            }

            var moved = false;
            for (var j = 0; j < k; j++)
            {
                if (counts[j] == 0)
                {
                    return null;
                }

                for (var f = 0; f < d; f++)
                {
                    next[j, f] /= counts[j];
                    moved |= next[j, f] != centers[j, f];
                }
            }

            centers = next;
            if (labels.SequenceEqual(old))
            {
                strict = true;
                break;
            }

            if (!moved)
            {
                break;
            }

            labels.CopyTo(old, 0);
        }

        if (!strict)
        {
            Assign(x, centers, labels);
        }

        for (var j = 0; j < k; j++)
        {
            for (var f = 0; f < d; f++)
            {
                centers[j, f] += mean[f];
            }
        }

        return (labels, centers, Math.Min(iteration + 1, maxIterations));
    }

    private static void Assign(Matrix x, Matrix centers, int[] labels)
    {
        for (var i = 0; i < x.Rows; i++)
        {
            var best = double.PositiveInfinity;
            for (var j = 0; j < centers.Rows; j++)
            {
                var value = 0.0;
                for (var f = 0; f < x.Cols; f++)
                {
                    value += centers[j, f] * centers[j, f];
                }

                for (var f = 0; f < x.Cols; f++)
                {
                    value += x[i, f] * (-2.0 * centers[j, f]);
                }

                if (value < best)
                {
                    best = value;
                    labels[i] = j;
                }
            }
        }
    }
}
