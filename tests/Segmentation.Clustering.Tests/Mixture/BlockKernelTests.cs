using System.Numerics;
using System.Runtime.Intrinsics;
using Segmentation.Clustering.Mixture;
using Segmentation.Clustering.Tests.KMeans;
using Segmentation.Clustering.Vectors;

namespace Segmentation.Clustering.Tests.Mixture;

/// <summary>
/// The point-block layout (full/tied covariance with d ≤ 4) against the per-row kernels and layout, at both vector
/// widths: <c>Vector&lt;double&gt;</c> (4 lanes with AVX2) and 512-bit (8 lanes with AVX-512).
/// </summary>
public sealed class BlockKernelTests
{
    /// <summary>
    /// Both widths on every machine: false for <c>Vector&lt;double&gt;</c>, true for 512-bit. Where AVX-512 is absent,
    /// Vector512 runs in software with the same lane-wise IEEE results, so the 512-bit path is still checked here;
    /// only its speed needs the hardware.
    /// </summary>
    public static TheoryData<bool> Widths() => new(false, true);

    /// <summary>Full and tied covariance at each of <see cref="Widths"/>.</summary>
    public static TheoryData<CovarianceType, bool> TypesAndWidths()
    {
        var cases = new TheoryData<CovarianceType, bool>();
        foreach (var wide in Widths())
        {
            cases.Add(CovarianceType.Full, wide);
            cases.Add(CovarianceType.Tied, wide);
        }

        return cases;
    }

    [Fact]
    public void BlockKernelApplies_FullOrTiedUpToFourFeatures_WhereSimdIsInHardware()
    {
        var simd = Vector.IsHardwareAccelerated || Vector512.IsHardwareAccelerated;
        Assert.Equal(simd, MixtureParameters.BlockKernelApplies(CovarianceType.Full, 3));
        Assert.Equal(simd, MixtureParameters.BlockKernelApplies(CovarianceType.Tied, 4));
        Assert.False(MixtureParameters.BlockKernelApplies(CovarianceType.Full, 5));
        Assert.False(MixtureParameters.BlockKernelApplies(CovarianceType.Diag, 3));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void NonPositiveExp_RandomArguments_WithinFourUlpOfMathExp(bool wide)
    {
        var random = new SeededRandom(77);
        var values = new double[8];
        for (var trial = 0; trial < 20_000; trial++)
        {
            for (var lane = 0; lane < values.Length; lane++)
            {
                // Mostly the E-step's range (a few units below the winner), some down to the flush threshold.
                values[lane] = lane % 2 == 0 ? -40 * random.NextDouble() : BlockExp.FlushBelow * random.NextDouble();
            }

            var result = Exp(values, wide);
            for (var lane = 0; lane < values.Length; lane++)
            {
                var expected = Math.Exp(values[lane]);
                var ulps = Math.Abs(BitConverter.DoubleToInt64Bits(result[lane]) - BitConverter.DoubleToInt64Bits(expected));
                Assert.True(ulps <= 4, $"exp({values[lane]:R}) = {result[lane]:R}, libm {expected:R}: {ulps} ulp apart");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void NonPositiveExp_SpecialArguments_ExactOneZeroAndNaN(bool wide)
    {
        var result = Exp([0.0, -0.0, -708.5, -745.2, double.NegativeInfinity, double.NaN, BlockExp.FlushBelow, -1e-300], wide);
        Assert.Equal(1.0, result[0]); // the winning component's term: the sum is ≥ 1 and log(sum) ≥ 0
        Assert.Equal(1.0, result[1]);
        Assert.Equal(0.0, result[2]);
        Assert.Equal(0.0, result[3]);
        Assert.Equal(0.0, result[4]);
        Assert.True(double.IsNaN(result[5])); // a NaN log-probability must reach the E-step's degeneracy check
        Assert.Equal(Math.Exp(BlockExp.FlushBelow), result[6], Math.Exp(BlockExp.FlushBelow) * 1e-15);
        Assert.Equal(1.0, result[7]);
    }

    [Fact]
    public void NonPositiveExp_BothWidths_SameBits()
    {
        var random = new SeededRandom(78);
        var values = new double[8];
        for (var trial = 0; trial < 5_000; trial++)
        {
            for (var lane = 0; lane < values.Length; lane++)
            {
                values[lane] = -50 * random.NextDouble();
            }

            Assert.Equal(Exp(values, wide: false), Exp(values, wide: true));
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void PositiveLog_RandomArguments_WithinOneUlpOfMathLog(bool wide)
    {
        var random = new SeededRandom(79);
        var values = new double[8];
        for (var trial = 0; trial < 20_000; trial++)
        {
            for (var lane = 0; lane < values.Length; lane++)
            {
                // Mostly the E-step's range (a sum of exponentials, the largest 1), some over every positive normal double.
                values[lane] = lane % 2 == 0 ? 1 + (50 * random.NextDouble()) : Math.Exp(708 * ((2 * random.NextDouble()) - 1));
            }

            values[0] = trial switch { 0 => 1.0, 1 => Math.Sqrt(2), 2 => double.MaxValue, 3 => 2.2250738585072014e-308, _ => values[0] };
            var result = Log(values, wide);
            for (var lane = 0; lane < values.Length; lane++)
            {
                var expected = Math.Log(values[lane]);
                var ulps = Math.Abs(BitConverter.DoubleToInt64Bits(result[lane]) - BitConverter.DoubleToInt64Bits(expected));
                Assert.True(ulps <= 1, $"ln({values[lane]:R}) = {result[lane]:R}, libm {expected:R}: {ulps} ulp apart");
            }
        }
    }

    [Fact]
    public void PositiveLog_BothWidths_SameBits()
    {
        var random = new SeededRandom(80);
        var values = new double[8];
        for (var trial = 0; trial < 5_000; trial++)
        {
            for (var lane = 0; lane < values.Length; lane++)
            {
                values[lane] = 1 + (20 * random.NextDouble());
            }

            Assert.Equal(Log(values, wide: false), Log(values, wide: true));
        }
    }

    [Theory]
    [MemberData(nameof(TypesAndWidths))]
    public void BlockLogProbabilities_AnyDimensionUpToFour_BitIdenticalToRowKernel(CovarianceType type, bool wide)
    {
        if (wide)
        {
            BitIdenticalToRowKernel<DoubleLanes512, Vector512<double>>(type);
        }
        else
        {
            BitIdenticalToRowKernel<DoubleLanesVector, Vector<double>>(type);
        }
    }

    [Fact]
    public void BlockLogProbabilities_NotWithinThePaddedColumns_Throws()
    {
        var parameters = RandomParameters(new SeededRandom(1), CovarianceType.Full, 2, 3);
        var columns = new double[3 * 16];
        Assert.Throws<ArgumentOutOfRangeException>(
            () => parameters.BlockLogProbabilities<DoubleLanesVector, Vector<double>>(columns, 16, 16 - Vector<double>.Count + 1, new Vector<double>[2]));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => parameters.BlockLogProbabilities<DoubleLanes512, Vector512<double>>(columns, 16, 9, new Vector512<double>[2]));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Fit_BlockAndRowLayouts_SameFitUpToRounding(bool wide)
    {
        var types = new[] { CovarianceType.Full, CovarianceType.Tied };

        // 11 rows: one whole block and a partial one; 1,203 rows: three row chunks, the last ending in a partial block.
        // Tolerances far below the 1e-6 parity with scikit-learn; EM amplifies the ~1e-16 rounding differences on small n.
        foreach (var type in types)
        {
            foreach (var n in new[] { 11, 1203 })
            {
                for (var d = 1; d <= MixtureParameters.MaxBlockFeatures; d++)
                {
                    for (var k = 2; k <= (n < 100 ? 3 : 5); k++)
                    {
                        var x = KMeansTests.RandomData((d * 7) + k + n, n, d);
                        var options = new GaussianMixtureOptions { Components = k, CovarianceType = type, Seed = k, MaxDegreeOfParallelism = 1 };
                        var blocks = GaussianMixture.Fit(x, options, pointBlocks: true, wide);
                        var rows = GaussianMixture.Fit(x, options, pointBlocks: false, wide);
                        Assert.Equal(rows.Iterations, blocks.Iterations);
                        Assert.Equal(rows.Converged, blocks.Converged);
                        Assert.Equal(rows.Labels, blocks.Labels);
                        Assert.Equal(rows.LowerBound, blocks.LowerBound, 1e-9);
                        Assert.Equal(rows.Score, blocks.Score, 1e-9);
                        for (var j = 0; j < rows.Model.Means.Data.Length; j++)
                        {
                            Assert.Equal(rows.Model.Means.Data[j], blocks.Model.Means.Data[j], 1e-8);
                        }

                        for (var c = 0; c < k; c++)
                        {
                            Assert.Equal(rows.Model.Weights[c], blocks.Model.Weights[c], 1e-10);
                        }

                        for (var j = 0; j < rows.Model.PrecisionsCholesky.Length; j++)
                        {
                            var scale = Math.Max(1, Math.Abs(rows.Model.PrecisionsCholesky[j]));
                            Assert.Equal(rows.Model.PrecisionsCholesky[j] / scale, blocks.Model.PrecisionsCholesky[j] / scale, 1e-7);
                        }
                    }
                }
            }
        }
    }

    /// <summary>BlockLog.Positive of <paramref name="values"/> (a whole number of vectors), a vector at a time at the chosen width.</summary>
    private static double[] Log(double[] values, bool wide) => wide
        ? Lanewise<DoubleLanes512, Vector512<double>>(values, BlockLog.Positive<DoubleLanes512, Vector512<double>>)
        : Lanewise<DoubleLanesVector, Vector<double>>(values, BlockLog.Positive<DoubleLanesVector, Vector<double>>);

    /// <summary>BlockExp.NonPositive of <paramref name="values"/> (a whole number of vectors), a vector at a time at the chosen width.</summary>
    private static double[] Exp(double[] values, bool wide) => wide
        ? Lanewise<DoubleLanes512, Vector512<double>>(values, BlockExp.NonPositive<DoubleLanes512, Vector512<double>>)
        : Lanewise<DoubleLanesVector, Vector<double>>(values, BlockExp.NonPositive<DoubleLanesVector, Vector<double>>);

    private static double[] Lanewise<TLanes, TVector>(double[] values, Func<TVector, TVector> function)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : unmanaged
    {
        var result = new double[values.Length];
        for (var first = 0; first < values.Length; first += TLanes.Count)
        {
            TLanes.Store(function(TLanes.Load(ref values[0], first)), ref result[0], first);
        }

        return result;
    }

    private static void BitIdenticalToRowKernel<TLanes, TVector>(CovarianceType type)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : unmanaged
    {
        var random = new SeededRandom(5);
        for (var d = 1; d <= MixtureParameters.MaxBlockFeatures; d++)
        {
            for (var k = 1; k <= 5; k++)
            {
                var parameters = RandomParameters(random, type, k, d);
                Assert.True(parameters.SupportsPointBlocks);
                const int n = 37; // whole blocks and a partial one
                const int stride = 40;
                var x = KMeansTests.RandomData(d + (10 * k), n, d);
                var columns = new double[d * stride];
                for (var i = 0; i < n; i++)
                {
                    for (var f = 0; f < d; f++)
                    {
                        columns[(f * stride) + i] = x[i, f];
                    }
                }

                var block = new TVector[k];
                var row = new double[k];
                var scratch = new double[MixtureParameters.PaddedWidth(d)];
                for (var first = 0; first < n; first += TLanes.Count)
                {
                    parameters.BlockLogProbabilities<TLanes, TVector>(columns, stride, first, block);
                    for (var lane = 0; lane < Math.Min(TLanes.Count, n - first); lane++)
                    {
                        parameters.WeightedLogProbabilities(x.RowReadOnly(first + lane), row, scratch);
                        for (var c = 0; c < k; c++)
                        {
                            Assert.Equal(BitConverter.DoubleToInt64Bits(row[c]), BitConverter.DoubleToInt64Bits(TLanes.Element(block[c], lane)));
                        }
                    }
                }
            }
        }
    }

    private static MixtureParameters RandomParameters(SeededRandom random, CovarianceType type, int k, int d)
    {
        var weights = new double[k];
        var means = new double[k * d];
        var blocks = type == CovarianceType.Full ? k : 1;
        var factors = new double[blocks * d * d];
        for (var c = 0; c < k; c++)
        {
            weights[c] = 1.0 / k;
            for (var f = 0; f < d; f++)
            {
                means[(c * d) + f] = (random.NextDouble() * 10) - 5;
            }
        }

        // A dense factor (not triangular), so every term of (x − μ)·P is exercised; a positive diagonal for log|P|.
        for (var j = 0; j < factors.Length; j++)
        {
            factors[j] = (random.NextDouble() * 2) - 1;
        }

        for (var b = 0; b < blocks; b++)
        {
            for (var f = 0; f < d; f++)
            {
                factors[(b * d * d) + (f * d) + f] = 0.5 + random.NextDouble();
            }
        }

        return new MixtureParameters(type, weights, means, factors, k, d);
    }
}
