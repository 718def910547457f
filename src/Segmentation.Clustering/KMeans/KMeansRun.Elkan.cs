namespace Segmentation.Clustering.KMeans;

/// <summary>Elkan's accelerated iterations (Elkan 2003, "Using the triangle inequality to accelerate k-means").</summary>
/// <remarks>
/// Each point keeps an upper bound on the distance to its centre and a lower bound per centre. A centre j cannot
/// take point x when u(x) ≤ l(x, j) or u(x) ≤ ½‖c(x) − c_j‖, and no centre can when u(x) ≤ ½ min_j ‖c(x) − c_j‖;
/// after the centres move by δ_j the bounds stay valid as u + δ_c(x) and max(0, l − δ_j).
/// The bookkeeping mirrors scikit-learn's elkan_iter_chunked_dense.
/// </remarks>
internal sealed partial class KMeansRun
{
    private double[]? upper;
    private double[]? lower;
    private double[]? centerHalf;
    private double[]? nextCenter;

    private int RunElkan(int maxIterations, double tolerance)
    {
        upper ??= new double[n];
        lower ??= new double[n * k];
        centerHalf ??= new double[k * k];
        nextCenter ??= new double[k];
        Array.Clear(lower);
        UpdateCenterDistances(centers);
        InitBounds();
        labelsOld.AsSpan().Fill(-1);
        var strict = false;
        var iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            ElkanAssign();
            UpdateCenters();
            UpdateBounds();
            UpdateCenterDistances(newCenters);
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
            ElkanAssign();
        }

        return Math.Min(iteration + 1, maxIterations);
    }

    private void UpdateCenterDistances(double[] c)
    {
        var half = centerHalf!;
        for (var a = 0; a < k; a++)
        {
            var nearest = double.PositiveInfinity;
            for (var b = 0; b < k; b++)
            {
                var h = a == b ? 0 : 0.5 * Math.Sqrt(CenterKernel.SquaredDistance(c.AsSpan(a * d, d), c.AsSpan(b * d, d)));
                half[(a * k) + b] = h;
                if (a != b && h < nearest)
                {
                    nearest = h;
                }
            }

            nextCenter![a] = nearest;
        }
    }

    private void InitBounds()
    {
        chunks.Run(parallelism, chunk =>
        {
            var half = centerHalf!;
            for (var i = chunks.Start(chunk); i < chunks.End(chunk); i++)
            {
                var row = x.RowReadOnly(i);
                var lowerRow = lower.AsSpan(i * k, k);
                var best = 0;
                var min = Distance(row, 0);
                lowerRow[0] = min;
                for (var j = 1; j < k; j++)
                {
                    if (min > half[(best * k) + j])
                    {
                        var dist = Distance(row, j);
                        lowerRow[j] = dist;
                        if (dist < min)
                        {
                            min = dist;
                            best = j;
                        }
                    }
                }

                Labels[i] = best;
                upper![i] = min;
            }
        });
    }

    private void ElkanAssign()
    {
        chunks.Run(parallelism, chunk =>
        {
            var half = centerHalf!;
            var sums = partialSums.AsSpan(chunk * k * d, k * d);
            var chunkCounts = partialCounts.AsSpan(chunk * k, k);
            sums.Clear();
            chunkCounts.Clear();
            for (var i = chunks.Start(chunk); i < chunks.End(chunk); i++)
            {
                var row = x.RowReadOnly(i);
                var label = Labels[i];
                var u = upper![i];
                if (nextCenter![label] < u)
                {
                    var lowerRow = lower.AsSpan(i * k, k);
                    var tight = false;
                    for (var j = 0; j < k; j++)
                    {
                        if (j == label || u <= lowerRow[j] || u <= half[(label * k) + j])
                        {
                            continue;
                        }

                        if (!tight)
                        {
                            u = Distance(row, label);
                            lowerRow[label] = u;
                            tight = true;
                        }

                        if (u > lowerRow[j] || u > half[(label * k) + j])
                        {
                            var dist = Distance(row, j);
                            lowerRow[j] = dist;
                            if (dist < u)
                            {
                                label = j;
                                u = dist;
                            }
                        }
                    }

                    Labels[i] = label;
                    upper[i] = u;
                }

                chunkCounts[label]++;
                var sum = sums.Slice(label * d, d);
                for (var f = 0; f < d; f++)
                {
                    sum[f] += row[f];
                }
            }
        });
    }

    private void UpdateBounds()
    {
        chunks.Run(parallelism, chunk =>
        {
            for (var i = chunks.Start(chunk); i < chunks.End(chunk); i++)
            {
                upper![i] += centerShift[Labels[i]];
                var lowerRow = lower.AsSpan(i * k, k);
                for (var j = 0; j < k; j++)
                {
                    lowerRow[j] = Math.Max(lowerRow[j] - centerShift[j], 0);
                }
            }
        });
    }

    private double Distance(ReadOnlySpan<double> row, int center) =>
        Math.Sqrt(CenterKernel.SquaredDistance(row, centers.AsSpan(center * d, d)));
}
