using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Segmentation.Clustering.Vectors;

namespace Segmentation.Clustering.Mixture;

/// <summary>Gaussian mixture parameters in the form the densities need: log weights, means, precision Cholesky factors, log-determinants.</summary>
/// <remarks>
/// The precision Cholesky factor P satisfies Σ⁻¹ = P·Pᵀ, so the Mahalanobis term is ‖(x − μ)·P‖², and
/// log|P| = ½·log|Σ⁻¹| is the normalising log-determinant (scikit-learn's _estimate_log_gaussian_prob).
/// Layout of <see cref="PrecisionsCholesky"/>: full k·d·d (row-major d×d per component), tied d·d, diag k·d, spherical k.
/// </remarks>
internal sealed class MixtureParameters
{
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);
    private readonly double[] logWeights;
    private readonly double[] logDet;
    private readonly double[] paddedPrecisions;
    private readonly int paddedWidth;

    public MixtureParameters(CovarianceType type, double[] weights, double[] means, double[] precisionsCholesky, int k, int d)
    {
        Type = type;
        K = k;
        D = d;
        Weights = weights;
        Means = means;
        PrecisionsCholesky = precisionsCholesky;
        logWeights = weights.Select(w => Math.Log(w)).ToArray();
        logDet = new double[k];
        paddedWidth = PaddedWidth(d);
        for (var c = 0; c < k; c++)
        {
            logDet[c] = type switch
            {
                CovarianceType.Full => SumLogDiagonal(precisionsCholesky.AsSpan(c * d * d, d * d), d),
                CovarianceType.Tied => SumLogDiagonal(precisionsCholesky, d),
                CovarianceType.Diag => precisionsCholesky.AsSpan(c * d, d).ToArray().Sum(v => Math.Log(v)),
                _ => d * Math.Log(precisionsCholesky[c]),
            };
        }

        // Full/tied factors are copied with rows padded to the SIMD width (zeros), so (x − μ)·P runs as whole vectors.
        paddedPrecisions = [];
        if (type is CovarianceType.Full or CovarianceType.Tied)
        {
            var blocks = type == CovarianceType.Full ? k : 1;
            paddedPrecisions = new double[blocks * d * paddedWidth];
            for (var c = 0; c < blocks; c++)
            {
                for (var f = 0; f < d; f++)
                {
                    precisionsCholesky.AsSpan((c * d * d) + (f * d), d).CopyTo(paddedPrecisions.AsSpan((c * d * paddedWidth) + (f * paddedWidth), d));
                }
            }
        }
    }

    /// <summary>Feature count rounded up to a whole number of SIMD vectors.</summary>
    public static int PaddedWidth(int d)
    {
        var width = Vector<double>.Count;
        return (d + width - 1) / width * width;
    }

    public CovarianceType Type { get; }

    public int K { get; }

    public int D { get; }

    public double[] Weights { get; }

    public double[] Means { get; }

    public double[] PrecisionsCholesky { get; }

    /// <summary>log(w_c) + log N(x | μ_c, Σ_c) for every component into <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WeightedLogProbabilities(ReadOnlySpan<double> x, Span<double> destination, Span<double> scratch)
    {
        var d = D;
        if (paddedWidth == Vector<double>.Count && Type is CovarianceType.Full or CovarianceType.Tied)
        {
            OneVectorLogProbabilities(x, destination[..K]);
            return;
        }

        if (paddedWidth == 2 * Vector<double>.Count && Type is CovarianceType.Full or CovarianceType.Tied)
        {
            TwoVectorLogProbabilities(x, destination[..K]);
            return;
        }

        for (var c = 0; c < K; c++)
        {
            var mean = Means.AsSpan(c * d, d);
            double mahalanobis;
            switch (Type)
            {
                case CovarianceType.Full:
                case CovarianceType.Tied:
                    mahalanobis = FullMahalanobis(x, mean, Type == CovarianceType.Full ? c : 0, scratch);
                    break;

                case CovarianceType.Diag:
                {
                    var p = PrecisionsCholesky.AsSpan(c * d, d);
                    mahalanobis = 0;
                    for (var f = 0; f < d; f++)
                    {
                        var y = (x[f] - mean[f]) * p[f];
                        mahalanobis += y * y;
                    }

                    break;
                }

                default:
                {
                    var sum = 0.0;
                    for (var f = 0; f < d; f++)
                    {
                        var diff = x[f] - mean[f];
                        sum += diff * diff;
                    }

                    var p = PrecisionsCholesky[c];
                    mahalanobis = sum * p * p;
                    break;
                }
            }

            destination[c] = (-0.5 * ((d * LogTwoPi) + mahalanobis)) + logDet[c] + logWeights[c];
        }
    }

    /// <summary>Full/tied log-probabilities when a factor row fits one SIMD vector (d ≤ 4 on AVX2): the switch and per-component call hoisted out.</summary>
    /// <remarks>Same operations in the same order as <see cref="FullMahalanobis"/>, so results are bit-identical to the general path.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OneVectorLogProbabilities(ReadOnlySpan<double> x, Span<double> destination)
    {
        var d = D;
        var blockStride = Type == CovarianceType.Full ? d : 0;
        var constant = d * LogTwoPi;
        ref var pRef = ref Unsafe.As<double, Vector<double>>(ref MemoryMarshal.GetArrayDataReference(paddedPrecisions));
        ref var xRef = ref MemoryMarshal.GetReference(x);
        ref var mRef = ref MemoryMarshal.GetArrayDataReference(Means);
        ref var logDetRef = ref MemoryMarshal.GetArrayDataReference(logDet);
        ref var logWeightRef = ref MemoryMarshal.GetArrayDataReference(logWeights);
        ref var destinationRef = ref MemoryMarshal.GetReference(destination);
        for (var c = 0; c < destination.Length; c++)
        {
            ref var p = ref Unsafe.Add(ref pRef, c * blockStride);
            ref var mean = ref Unsafe.Add(ref mRef, c * d);
            var y = Vector<double>.Zero;
            for (var f = 0; f < d; f++)
            {
                y += new Vector<double>(Unsafe.Add(ref xRef, f) - Unsafe.Add(ref mean, f)) * Unsafe.Add(ref p, f);
            }

            var mahalanobis = Vector.Dot(y, y);
            Unsafe.Add(ref destinationRef, c) = (-0.5 * (constant + mahalanobis)) + Unsafe.Add(ref logDetRef, c) + Unsafe.Add(ref logWeightRef, c);
        }
    }

    /// <summary>
    /// The block layout pads its columns to whole multiples of this many points: the lanes of a 512-bit vector, and a
    /// whole number of blocks at every narrower width too.
    /// </summary>
    public const int BlockWidth = 8;

    /// <summary>Largest feature count <see cref="BlockLogProbabilities{TLanes, TVector}"/> handles.</summary>
    public const int MaxBlockFeatures = 4;

    /// <summary>True when <see cref="BlockLogProbabilities{TLanes, TVector}"/> applies: full or tied covariance, d ≤ 4, SIMD in hardware.</summary>
    public bool SupportsPointBlocks => BlockKernelApplies(Type, D);

    /// <summary>Whether the point-block kernels apply to mixtures of this covariance type and feature count on this machine.</summary>
    /// <remarks>
    /// Any hardware vector width: 8 points per step with AVX-512, 4 with AVX2 (<c>Vector&lt;double&gt;</c>). Before
    /// they ran only on 512-bit hardware, and on an AVX2 host (2 cores, the 99-trial bench/sweep grid, perf) the per-row
    /// layout's passes were ~19 % of all CPU samples, the largest kernel of the sweep.
    /// </remarks>
    public static bool BlockKernelApplies(CovarianceType type, int d) =>
        type is CovarianceType.Full or CovarianceType.Tied && d <= MaxBlockFeatures && Vector.IsHardwareAccelerated;

    /// <summary>
    /// <see cref="WeightedLogProbabilities"/> of <c>TLanes.Count</c> consecutive points at once, bit for bit:
    /// lane j of <paramref name="destination"/>[c] is component c's value for point <paramref name="first"/> + j.
    /// </summary>
    /// <param name="columns">The data as structure of arrays: feature f of point i at f·<paramref name="stride"/> + i (padded to whole blocks).</param>
    /// <param name="stride">Padded point count per feature column.</param>
    /// <param name="first">First point of the block.</param>
    /// <param name="destination">One vector per component.</param>
    /// <remarks>
    /// SIMD across points instead of across the factor's row: for d ≤ 4 a row-wise vector is at most 4 of 8 lanes
    /// used and each point pays a broadcast per feature and a horizontal dot product per component; here every lane
    /// is a point and nothing is horizontal. The operations and their order are those of
    /// <see cref="OneVectorLogProbabilities"/> (y accumulated over f from zero; Vector.Dot's pairwise lane sum
    /// (y₀² + y₁²) + (y₂² + y₃²), absent lanes being +0), so the E-step's labels and likelihoods do not change.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void BlockLogProbabilities<TLanes, TVector>(ReadOnlySpan<double> columns, int stride, int first, Span<TVector> destination)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : unmanaged
    {
        var d = D;
        if (!SupportsPointBlocks || (uint)first > (uint)(stride - TLanes.Count) || columns.Length < d * stride || destination.Length < K)
        {
            throw new ArgumentOutOfRangeException(nameof(first), first, "Point block outside the padded columns, or no block kernel for this mixture.");
        }

        var blockStride = Type == CovarianceType.Full ? d * d : 0;
        ref var column = ref Unsafe.Add(ref MemoryMarshal.GetReference(columns), first);
        var x0 = TLanes.Load(ref column, 0);
        var x1 = d > 1 ? TLanes.Load(ref column, stride) : default;
        var x2 = d > 2 ? TLanes.Load(ref column, 2 * stride) : default;
        var x3 = d > 3 ? TLanes.Load(ref column, 3 * stride) : default;
        var constant = TLanes.Create(d * LogTwoPi);
        var half = TLanes.Create(-0.5);
        ref var pRef = ref MemoryMarshal.GetArrayDataReference(PrecisionsCholesky);
        ref var mRef = ref MemoryMarshal.GetArrayDataReference(Means);
        for (var c = 0; c < K; c++)
        {
            ref var p = ref Unsafe.Add(ref pRef, c * blockStride);
            ref var mean = ref Unsafe.Add(ref mRef, c * d);
            var e0 = TLanes.Subtract(x0, TLanes.Create(mean));
            var e1 = d > 1 ? TLanes.Subtract(x1, TLanes.Create(Unsafe.Add(ref mean, 1))) : default;
            var e2 = d > 2 ? TLanes.Subtract(x2, TLanes.Create(Unsafe.Add(ref mean, 2))) : default;
            var e3 = d > 3 ? TLanes.Subtract(x3, TLanes.Create(Unsafe.Add(ref mean, 3))) : default;

            // y_j = Σ_f e_f·P[f, j]; the row kernel's leading 0 + e₀·P[0, j] is e₀·P[0, j] up to the sign of a zero, which squaring drops.
            var s0 = Square<TLanes, TVector>(Project<TLanes, TVector>(e0, e1, e2, e3, ref p, 0, d));
            var s1 = d > 1 ? Square<TLanes, TVector>(Project<TLanes, TVector>(e0, e1, e2, e3, ref p, 1, d)) : TLanes.Zero;
            var s2 = d > 2 ? Square<TLanes, TVector>(Project<TLanes, TVector>(e0, e1, e2, e3, ref p, 2, d)) : TLanes.Zero;
            var s3 = d > 3 ? Square<TLanes, TVector>(Project<TLanes, TVector>(e0, e1, e2, e3, ref p, 3, d)) : TLanes.Zero;
            var mahalanobis = TLanes.Add(TLanes.Add(s0, s1), TLanes.Add(s2, s3));
            destination[c] = TLanes.Add(
                TLanes.Add(TLanes.Multiply(half, TLanes.Add(constant, mahalanobis)), TLanes.Create(logDet[c])), TLanes.Create(logWeights[c]));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Project<TLanes, TVector>(TVector e0, TVector e1, TVector e2, TVector e3, ref double p, int j, int d)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : unmanaged
    {
        var y = TLanes.Multiply(e0, TLanes.Create(Unsafe.Add(ref p, j)));
        if (d > 1)
        {
            y = TLanes.Add(y, TLanes.Multiply(e1, TLanes.Create(Unsafe.Add(ref p, d + j))));
        }

        if (d > 2)
        {
            y = TLanes.Add(y, TLanes.Multiply(e2, TLanes.Create(Unsafe.Add(ref p, (2 * d) + j))));
        }

        if (d > 3)
        {
            y = TLanes.Add(y, TLanes.Multiply(e3, TLanes.Create(Unsafe.Add(ref p, (3 * d) + j))));
        }

        return y;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Square<TLanes, TVector>(TVector y)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : unmanaged => TLanes.Multiply(y, y);

    /// <summary>Full/tied log-probabilities when a factor row is two SIMD vectors (5 ≤ d ≤ 8 on AVX2), hoisted like <see cref="OneVectorLogProbabilities"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TwoVectorLogProbabilities(ReadOnlySpan<double> x, Span<double> destination)
    {
        var d = D;
        var blockStride = Type == CovarianceType.Full ? 2 * d : 0;
        var constant = d * LogTwoPi;
        ref var pRef = ref Unsafe.As<double, Vector<double>>(ref MemoryMarshal.GetArrayDataReference(paddedPrecisions));
        ref var xRef = ref MemoryMarshal.GetReference(x);
        ref var mRef = ref MemoryMarshal.GetArrayDataReference(Means);
        ref var logDetRef = ref MemoryMarshal.GetArrayDataReference(logDet);
        ref var logWeightRef = ref MemoryMarshal.GetArrayDataReference(logWeights);
        ref var destinationRef = ref MemoryMarshal.GetReference(destination);
        for (var c = 0; c < destination.Length; c++)
        {
            ref var p = ref Unsafe.Add(ref pRef, c * blockStride);
            ref var mean = ref Unsafe.Add(ref mRef, c * d);
            var y0 = Vector<double>.Zero;
            var y1 = Vector<double>.Zero;
            for (var f = 0; f < d; f++)
            {
                var diff = new Vector<double>(Unsafe.Add(ref xRef, f) - Unsafe.Add(ref mean, f));
                y0 += diff * Unsafe.Add(ref p, 2 * f);
                y1 += diff * Unsafe.Add(ref p, (2 * f) + 1);
            }

            var mahalanobis = Vector.Dot(y0, y0) + Vector.Dot(y1, y1);
            Unsafe.Add(ref destinationRef, c) = (-0.5 * (constant + mahalanobis)) + Unsafe.Add(ref logDetRef, c) + Unsafe.Add(ref logWeightRef, c);
        }
    }

    /// <summary>‖(x − μ)·P‖² with P the (padded) precision factor of <paramref name="block"/>; <paramref name="scratch"/> holds ≥ padded-width doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double FullMahalanobis(ReadOnlySpan<double> x, ReadOnlySpan<double> mean, int block, Span<double> scratch)
    {
        var d = D;
        var vectors = paddedWidth / Vector<double>.Count;
        var p = MemoryMarshal.Cast<double, Vector<double>>(paddedPrecisions.AsSpan(block * d * paddedWidth, d * paddedWidth));
        // Hot path of every E-step: refs instead of indexers (lengths were fixed at construction).
        ref var pRef = ref MemoryMarshal.GetReference(p);
        ref var xRef = ref MemoryMarshal.GetReference(x);
        ref var mRef = ref MemoryMarshal.GetReference(mean);
        if (vectors == 1)
        {
            var y = Vector<double>.Zero;
            for (var f = 0; f < d; f++)
            {
                y += new Vector<double>(Unsafe.Add(ref xRef, f) - Unsafe.Add(ref mRef, f)) * Unsafe.Add(ref pRef, f);
            }

            return Vector.Dot(y, y);
        }

        if (vectors == 2)
        {
            var y0 = Vector<double>.Zero;
            var y1 = Vector<double>.Zero;
            for (var f = 0; f < d; f++)
            {
                var diff = new Vector<double>(Unsafe.Add(ref xRef, f) - Unsafe.Add(ref mRef, f));
                y0 += diff * Unsafe.Add(ref pRef, 2 * f);
                y1 += diff * Unsafe.Add(ref pRef, (2 * f) + 1);
            }

            return Vector.Dot(y0, y0) + Vector.Dot(y1, y1);
        }

        var acc = MemoryMarshal.Cast<double, Vector<double>>(scratch[..paddedWidth]);
        acc.Clear();
        for (var f = 0; f < d; f++)
        {
            var diff = new Vector<double>(x[f] - mean[f]);
            for (var v = 0; v < vectors; v++)
            {
                acc[v] += diff * p[(f * vectors) + v];
            }
        }

        var sum = 0.0;
        foreach (var v in acc)
        {
            sum += Vector.Dot(v, v);
        }

        return sum;
    }

    /// <summary>log Σ_c exp(v_c), stable for large |v|.</summary>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        var sum = 0.0;
        foreach (var v in values)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>Free parameters of the mixture (for BIC/AIC), as scikit-learn's _n_parameters.</summary>
    public static int ParameterCount(CovarianceType type, int k, int d)
    {
        var covariance = type switch
        {
            CovarianceType.Full => k * d * (d + 1) / 2,
            CovarianceType.Tied => d * (d + 1) / 2,
            CovarianceType.Diag => k * d,
            _ => k,
        };
        return covariance + (k * d) + k - 1;
    }

    /// <summary>Checks a flat precision-Cholesky buffer's length for the covariance type.</summary>
    public static int PrecisionLength(CovarianceType type, int k, int d) => type switch
    {
        CovarianceType.Full => k * d * d,
        CovarianceType.Tied => d * d,
        CovarianceType.Diag => k * d,
        _ => k,
    };

    private static double SumLogDiagonal(ReadOnlySpan<double> p, int d)
    {
        var sum = 0.0;
        for (var f = 0; f < d; f++)
        {
            var v = p[(f * d) + f];
            if (!(v > 0))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Precision Cholesky factor has non-positive diagonal entry {v}."), "precisionsCholesky");
            }

            sum += Math.Log(v);
        }

        return sum;
    }
}
