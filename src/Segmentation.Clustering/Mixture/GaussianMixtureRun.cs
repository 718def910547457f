using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Segmentation.Clustering.Mixture;

/// <summary>EM buffers for one data set: responsibilities and per-block partial sums reduced in block order (thread-count independent).</summary>
/// <remarks>
/// Two layouts: per row (responsibilities n×k row-major, any covariance and d), or, where the point-block kernels apply
/// (full/tied, d ≤ 4, SIMD hardware; <see cref="MixtureParameters.BlockKernelApplies"/>), structure of arrays: the data
/// and the responsibilities as zero-padded columns, every pass SIMD across points (GaussianMixtureRun.Blocks.cs).
/// </remarks>
internal sealed partial class GaussianMixtureRun
{
    // scikit-learn adds 10·eps to every component's responsibility mass so no component divides by zero.
    private const double MassEpsilon = 10 * 2.220446049250313e-16;

    // Below this, Math.Exp returns +0 (the smallest subnormal is exp(−744.44); half of it is exp(−745.13)).
    private const double ExpUnderflow = -746;

    private readonly Matrix x;
    private readonly int n;
    private readonly int d;
    private readonly int k;
    private readonly CovarianceType type;
    private readonly double regCovar;
    private readonly int parallelism;
    private readonly RowChunks chunks;
    private readonly double[] resp;
    private readonly double[] partialMass;
    private readonly double[] partialSums;
    private readonly double[] partialScatter;
    private readonly double[] partialLogLikelihood;
    private readonly int scatterLength;
    private readonly int paddedWidth;
    private readonly int columnStride;

    // The data as zero-padded columns (feature f of point i at f·columnStride + i) when the block layout is used, else null.
    private readonly double[]? columns;
    // The block layout's vector width: 512-bit lanes, else Vector<double> (256-bit with AVX2).
    private readonly bool wide;
    private bool momentsReady;

    /// <param name="pointBlocks">Whether the block layout may be used where it applies (false only to compare the two layouts in tests).</param>
    /// <param name="wide">The block layout's width: 512-bit vectors, or <c>Vector&lt;double&gt;</c> (tests cover both widths on every machine).</param>
    public GaussianMixtureRun(Matrix x, int k, CovarianceType type, double regCovar, int parallelism, bool pointBlocks, bool wide)
    {
        this.wide = wide;
        this.x = x;
        this.k = k;
        this.type = type;
        this.regCovar = regCovar;
        this.parallelism = parallelism;
        n = x.Rows;
        d = x.Cols;
        chunks = RowChunks.For(n);
        columnStride = (n + MixtureParameters.BlockWidth - 1) / MixtureParameters.BlockWidth * MixtureParameters.BlockWidth;
        if (pointBlocks && MixtureParameters.BlockKernelApplies(type, d))
        {
            columns = ToColumns();
            resp = new double[k * columnStride];
        }
        else
        {
            resp = new double[n * k];
        }

        Labels = new int[n];
        partialMass = new double[chunks.Count * k];
        partialSums = new double[chunks.Count * k * d];
        partialLogLikelihood = new double[chunks.Count];
        paddedWidth = MixtureParameters.PaddedWidth(d);
        scatterLength = type switch
        {
            CovarianceType.Full => k * d * paddedWidth,
            CovarianceType.Tied => d * paddedWidth,
            _ => k * d,
        };
        partialScatter = new double[chunks.Count * scatterLength];
    }

    /// <summary>Most probable component per row after the last E-step.</summary>
    public int[] Labels { get; }

    /// <summary>Sets one-hot responsibilities from hard labels (k-means initialisation).</summary>
    public void SetHardResponsibilities(int[] labels)
    {
        momentsReady = false;
        Array.Clear(resp);
        for (var i = 0; i < n; i++)
        {
            resp[columns is null ? (i * k) + labels[i] : (labels[i] * columnStride) + i] = 1;
        }
    }

    // Hot loops are compiled fully optimised from the first call (AggressiveOptimization): a CLI run fits a handful of
    // models, and tier-0 code with OSR ran the first fits of a process 2–3× slower than steady state.

    /// <summary>E-step: responsibilities under <paramref name="p"/>; returns the mean log-likelihood.</summary>
    /// <remarks>Also accumulates the responsibility masses and weighted sums the next M-step needs (one pass over the data, not two).</remarks>
    public double EStep(MixtureParameters p)
    {
        chunks.Run(parallelism, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
        {
            var mass = partialMass.AsSpan(chunk * k, k);
            var sums = partialSums.AsSpan(chunk * k * d, k * d);
            mass.Clear();
            sums.Clear();
            var total = 0.0;
            int start = chunks.Start(chunk), end = chunks.End(chunk);
            if (columns is not null)
            {
                total = BlockEStep(p, start, end, mass, sums);
            }
            else
            {
                Span<double> scratch = stackalloc double[MixtureParameters.PaddedWidth(d)];
                for (var i = start; i < end; i++)
                {
                    var row = resp.AsSpan(i * k, k);
                    p.WeightedLogProbabilities(x.RowReadOnly(i), row, scratch);
                    var label = GaussianMixtureModel.ArgMax(row);
                    Labels[i] = label;
                    total += Normalise(i, row, row[label], mass, sums);
                }
            }

            partialLogLikelihood[chunk] = total;
        });
        momentsReady = true;

        var sum = 0.0;
        foreach (var v in partialLogLikelihood)
        {
            sum += v;
        }

        var mean = sum / n;
        if (!double.IsFinite(mean))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The mixture log-likelihood became {mean}; the data are degenerate for {k} components (try fewer components or a larger RegCovar)."),
                nameof(x));
        }

        return mean;
    }

    /// <summary>Turns row <paramref name="i"/>'s log-probabilities into responsibilities and adds them to the moments; returns the row's log-likelihood.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Normalise(int i, Span<double> row, double max, Span<double> mass, Span<double> sums)
    {
        // log Σ exp(v) = max + log Σ exp(v − max); the shifted exponentials, normalised, are the responsibilities.
        // Scalar Math.Exp on purpose: TensorPrimitives.Exp's result for an element can depend on the buffer's
        // alignment (vector body vs. remainder), which would make fits differ between identical runs.
        // One pass per row (exponentials, moments) while the row is in cache.
        var sum = 0.0;
        for (var c = 0; c < k; c++)
        {
            // exp(v) rounds to exactly 0 below about −745.13 and exp(0) is exactly 1 (at least the winning component),
            // so skipping the call there changes no bit.
            var shifted = row[c] - max;
            var e = shifted < ExpUnderflow ? 0.0 : shifted == 0 ? 1.0 : Math.Exp(shifted);
            row[c] = e;
            sum += e;
        }

        var inverse = 1 / sum;
        for (var c = 0; c < k; c++)
        {
            row[c] *= inverse;
        }

        AccumulateMoments(x.Data.AsSpan(i * d, d), row, mass, sums);
        return max + Math.Log(sum);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AccumulateMoments(ReadOnlySpan<double> row, ReadOnlySpan<double> r, Span<double> mass, Span<double> sums)
    {
        // Called once per row per E-step: refs avoid k·d bounds checks (all lengths fixed at construction).
        ref var rowRef = ref MemoryMarshal.GetReference(row);
        ref var sumRef = ref MemoryMarshal.GetReference(sums);
        for (var c = 0; c < k; c++)
        {
            var rc = r[c];
            if (rc == 0)
            {
                // Adding r·x = ±0 leaves every (non-negative-zero-started) sum unchanged; skipped for the many far components.
                continue;
            }

            mass[c] += rc;
            ref var s = ref Unsafe.Add(ref sumRef, c * d);
            for (var f = 0; f < d; f++)
            {
                Unsafe.Add(ref s, f) += rc * Unsafe.Add(ref rowRef, f);
            }
        }
    }

    /// <summary>M-step from the current responsibilities (scikit-learn's _estimate_gaussian_parameters).</summary>
    /// <param name="normaliseBySamples">Initialisation divides the masses by n (as scikit-learn's _initialize); EM divides by their sum.</param>
    public MixtureParameters MStep(bool normaliseBySamples)
    {
        if (!momentsReady)
        {
            chunks.Run(parallelism, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
            {
                var mass = partialMass.AsSpan(chunk * k, k);
                var sums = partialSums.AsSpan(chunk * k * d, k * d);
                mass.Clear();
                sums.Clear();
                if (columns is not null)
                {
                    BlockMoments(chunks.Start(chunk), chunks.End(chunk), mass, sums);
                    return;
                }

                for (var i = chunks.Start(chunk); i < chunks.End(chunk); i++)
                {
                    AccumulateMoments(x.RowReadOnly(i), resp.AsSpan(i * k, k), mass, sums);
                }
            });
        }

        momentsReady = false;
        var nk = new double[k];
        var means = new double[k * d];
        for (var chunk = 0; chunk < chunks.Count; chunk++)
        {
            for (var c = 0; c < k; c++)
            {
                nk[c] += partialMass[(chunk * k) + c];
            }

            for (var j = 0; j < k * d; j++)
            {
                means[j] += partialSums[(chunk * k * d) + j];
            }
        }

        for (var c = 0; c < k; c++)
        {
            nk[c] += MassEpsilon;
            for (var f = 0; f < d; f++)
            {
                means[(c * d) + f] /= nk[c];
            }
        }

        var covariance = Scatter(means, nk);
        var totalMass = normaliseBySamples ? n : nk.Sum();
        var weights = nk.Select(m => m / totalMass).ToArray();
        return new MixtureParameters(type, weights, means, PrecisionCholeskyFromCovariance(covariance), k, d);
    }

    /// <summary>Precision Cholesky factors from explicit precisions (scikit-learn: cholesky(precision, lower=True), or √ for diag/spherical).</summary>
    public double[] PrecisionCholeskyFromPrecision(double[] precisions)
    {
        var result = new double[precisions.Length];
        if (type is CovarianceType.Full or CovarianceType.Tied)
        {
            var blocks = type == CovarianceType.Full ? k : 1;
            for (var c = 0; c < blocks; c++)
            {
                if (!CholeskyFactor.TryLower(precisions.AsSpan(c * d * d, d * d), d, result.AsSpan(c * d * d, d * d)))
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"PrecisionsInit block {c} is not symmetric positive definite."), "PrecisionsInit");
                }
            }

            return result;
        }

        for (var j = 0; j < precisions.Length; j++)
        {
            if (!(precisions[j] > 0))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"PrecisionsInit[{j}] is {precisions[j]}; precisions must be positive."), "PrecisionsInit");
            }

            result[j] = Math.Sqrt(precisions[j]);
        }

        return result;
    }

    private double[] Scatter(double[] means, double[] nk)
    {
        chunks.Run(parallelism, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
        {
            var scatter = partialScatter.AsSpan(chunk * scatterLength, scatterLength);
            scatter.Clear();
            if (columns is not null)
            {
                BlockScatter(chunks.Start(chunk), chunks.End(chunk), means, scatter);
                return;
            }

            if (type is CovarianceType.Full or CovarianceType.Tied && d <= 4 && Vector<double>.Count == 4 && Vector256.IsHardwareAccelerated)
            {
                FourLaneScatter(chunk, means, scatter);
                return;
            }

            if (type is CovarianceType.Full or CovarianceType.Tied && d == paddedWidth)
            {
                WholeVectorScatter(chunk, means, scatter);
                return;
            }

            Span<double> diff = stackalloc double[paddedWidth];
            diff.Clear();
            var diffVectors = MemoryMarshal.Cast<double, Vector<double>>(diff);
            for (var i = chunks.Start(chunk); i < chunks.End(chunk); i++)
            {
                var row = x.RowReadOnly(i);
                var r = resp.AsSpan(i * k, k);
                for (var c = 0; c < k; c++)
                {
                    var rc = r[c];
                    if (rc == 0)
                    {
                        continue;
                    }

                    var mean = means.AsSpan(c * d, d);
                    for (var f = 0; f < d; f++)
                    {
                        diff[f] = row[f] - mean[f];
                    }

                    if (type is CovarianceType.Full or CovarianceType.Tied)
                    {
                        // Whole padded rows of r·(x−μ)(x−μ)ᵀ as vectors; only the upper triangle is read back.
                        var block = MemoryMarshal.Cast<double, Vector<double>>(
                            type == CovarianceType.Full ? scatter.Slice(c * d * paddedWidth, d * paddedWidth) : scatter);
                        var vectors = diffVectors.Length;
                        ref var blockRef = ref MemoryMarshal.GetReference(block);
                        ref var diffRef = ref MemoryMarshal.GetReference(diffVectors);
                        if (vectors == 1)
                        {
                            var dv = diffRef;
                            for (var a = 0; a < d; a++)
                            {
                                Unsafe.Add(ref blockRef, a) += new Vector<double>(rc * diff[a]) * dv;
                            }
                        }
                        else if (vectors == 2)
                        {
                            var dv0 = diffRef;
                            var dv1 = Unsafe.Add(ref diffRef, 1);
                            for (var a = 0; a < d; a++)
                            {
                                var ra = new Vector<double>(rc * diff[a]);
                                Unsafe.Add(ref blockRef, 2 * a) += ra * dv0;
                                Unsafe.Add(ref blockRef, (2 * a) + 1) += ra * dv1;
                            }
                        }
                        else
                        {
                            for (var a = 0; a < d; a++)
                            {
                                var ra = new Vector<double>(rc * diff[a]);
                                for (var v = 0; v < vectors; v++)
                                {
                                    block[(a * vectors) + v] += ra * diffVectors[v];
                                }
                            }
                        }
                    }
                    else
                    {
                        var block = scatter.Slice(c * d, d);
                        for (var f = 0; f < d; f++)
                        {
                            block[f] += rc * diff[f] * diff[f];
                        }
                    }
                }
            }
        });

        var total = new double[scatterLength];
        for (var chunk = 0; chunk < chunks.Count; chunk++)
        {
            var scatter = partialScatter.AsSpan(chunk * scatterLength, scatterLength);
            for (var j = 0; j < scatterLength; j++)
            {
                total[j] += scatter[j];
            }
        }

        switch (type)
        {
            case CovarianceType.Full:
            {
                var dense = new double[k * d * d];
                for (var c = 0; c < k; c++)
                {
                    Symmetrise(total.AsSpan(c * d * paddedWidth, d * paddedWidth), dense.AsSpan(c * d * d, d * d), nk[c]);
                }

                return dense;
            }

            case CovarianceType.Tied:
            {
                var dense = new double[d * d];
                Symmetrise(total, dense, nk.Sum());
                return dense;
            }

            case CovarianceType.Diag:
                for (var c = 0; c < k; c++)
                {
                    for (var f = 0; f < d; f++)
                    {
                        total[(c * d) + f] = (total[(c * d) + f] / nk[c]) + regCovar;
                    }
                }

                return total;
            default:
                var spherical = new double[k];
                for (var c = 0; c < k; c++)
                {
                    for (var f = 0; f < d; f++)
                    {
                        spherical[c] += (total[(c * d) + f] / nk[c]) + regCovar;
                    }

                    spherical[c] /= d;
                }

                return spherical;
        }
    }

    /// <summary>Full/tied scatter of one block for d ≤ 4 with 4-lane vectors: the same sums as the general path, bit for bit.</summary>
    /// <remarks>
    /// x − μ is built in registers (zero padding lanes) instead of written to a stack buffer and re-read as a vector,
    /// which stalled store forwarding once per row and component; the type switch and span slicing are hoisted too.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FourLaneScatter(int chunk, double[] means, Span<double> scatter)
    {
        var blockStride = type == CovarianceType.Full ? d : 0;
        ref var blockRef = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<double, Vector<double>>(scatter));
        ref var meanRef = ref MemoryMarshal.GetArrayDataReference(means);
        ref var respRef = ref MemoryMarshal.GetArrayDataReference(resp);
        for (var i = chunks.Start(chunk); i < chunks.End(chunk); i++)
        {
            ref var row = ref MemoryMarshal.GetReference(x.RowReadOnly(i));
            ref var r = ref Unsafe.Add(ref respRef, i * k);
            for (var c = 0; c < k; c++)
            {
                var rc = Unsafe.Add(ref r, c);
                if (rc == 0)
                {
                    continue;
                }

                ref var mean = ref Unsafe.Add(ref meanRef, c * d);
                var e0 = row - mean;
                var e1 = d > 1 ? Unsafe.Add(ref row, 1) - Unsafe.Add(ref mean, 1) : 0;
                var e2 = d > 2 ? Unsafe.Add(ref row, 2) - Unsafe.Add(ref mean, 2) : 0;
                var e3 = d > 3 ? Unsafe.Add(ref row, 3) - Unsafe.Add(ref mean, 3) : 0;
                var dv = Vector256.Create(e0, e1, e2, e3).AsVector();
                ref var block = ref Unsafe.Add(ref blockRef, c * blockStride);
                block += new Vector<double>(rc * e0) * dv;
                if (d > 1)
                {
                    Unsafe.Add(ref block, 1) += new Vector<double>(rc * e1) * dv;
                }

                if (d > 2)
                {
                    Unsafe.Add(ref block, 2) += new Vector<double>(rc * e2) * dv;
                }

                if (d > 3)
                {
                    Unsafe.Add(ref block, 3) += new Vector<double>(rc * e3) * dv;
                }
            }
        }
    }

    /// <summary>Full/tied scatter of one block when d is a whole number of vectors: x − μ loaded as vectors, same sums as the general path bit for bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WholeVectorScatter(int chunk, double[] means, Span<double> scatter)
    {
        var width = Vector<double>.Count;
        var vectors = d / width;
        var blockStride = type == CovarianceType.Full ? d * vectors : 0;
        Span<Vector<double>> diff = stackalloc Vector<double>[vectors];
        ref var diffRef = ref MemoryMarshal.GetReference(diff);
        ref var blockRef = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<double, Vector<double>>(scatter));
        ref var meanRef = ref MemoryMarshal.GetArrayDataReference(means);
        ref var respRef = ref MemoryMarshal.GetArrayDataReference(resp);
        for (var i = chunks.Start(chunk); i < chunks.End(chunk); i++)
        {
            ref var row = ref MemoryMarshal.GetReference(x.RowReadOnly(i));
            ref var r = ref Unsafe.Add(ref respRef, i * k);
            for (var c = 0; c < k; c++)
            {
                var rc = Unsafe.Add(ref r, c);
                if (rc == 0)
                {
                    continue;
                }

                ref var mean = ref Unsafe.Add(ref meanRef, c * d);
                ref var block = ref Unsafe.Add(ref blockRef, c * blockStride);
                if (vectors == 2)
                {
                    var dv0 = Vector.LoadUnsafe(ref row) - Vector.LoadUnsafe(ref mean);
                    var dv1 = Vector.LoadUnsafe(ref row, (nuint)width) - Vector.LoadUnsafe(ref mean, (nuint)width);
                    for (var a = 0; a < d; a++)
                    {
                        var ra = new Vector<double>(rc * (Unsafe.Add(ref row, a) - Unsafe.Add(ref mean, a)));
                        Unsafe.Add(ref block, 2 * a) += ra * dv0;
                        Unsafe.Add(ref block, (2 * a) + 1) += ra * dv1;
                    }

                    continue;
                }

                for (var v = 0; v < vectors; v++)
                {
                    Unsafe.Add(ref diffRef, v) = Vector.LoadUnsafe(ref row, (nuint)(v * width)) - Vector.LoadUnsafe(ref mean, (nuint)(v * width));
                }

                for (var a = 0; a < d; a++)
                {
                    var ra = new Vector<double>(rc * (Unsafe.Add(ref row, a) - Unsafe.Add(ref mean, a)));
                    ref var blockRow = ref Unsafe.Add(ref block, a * vectors);
                    for (var v = 0; v < vectors; v++)
                    {
                        Unsafe.Add(ref blockRow, v) += ra * Unsafe.Add(ref diffRef, v);
                    }
                }
            }
        }
    }

    private void Symmetrise(ReadOnlySpan<double> padded, Span<double> dense, double mass)
    {
        for (var a = 0; a < d; a++)
        {
            for (var b = a; b < d; b++)
            {
                var v = padded[(a * paddedWidth) + b] / mass;
                dense[(a * d) + b] = v;
                dense[(b * d) + a] = v;
            }

            dense[(a * d) + a] += regCovar;
        }
    }

    private double[] PrecisionCholeskyFromCovariance(double[] covariance)
    {
        var result = new double[covariance.Length];
        if (type is CovarianceType.Full or CovarianceType.Tied)
        {
            var blocks = type == CovarianceType.Full ? k : 1;
            var lower = new double[d * d];
            for (var c = 0; c < blocks; c++)
            {
                if (!CholeskyFactor.TryLower(covariance.AsSpan(c * d * d, d * d), d, lower))
                {
                    throw IllDefined(c);
                }

                CholeskyFactor.PrecisionFromCovarianceFactor(lower, d, result.AsSpan(c * d * d, d * d));
            }

            return result;
        }

        for (var j = 0; j < covariance.Length; j++)
        {
            if (!(covariance[j] > 0))
            {
                throw IllDefined(type == CovarianceType.Diag ? j / d : j);
            }

            result[j] = 1 / Math.Sqrt(covariance[j]);
        }

        return result;
    }

    private ArgumentException IllDefined(int component) => new(
        string.Create(
            CultureInfo.InvariantCulture,
            $"Ill-defined empirical covariance for component {component} ({type}): it collapsed onto too few distinct points. Use fewer components, or a larger RegCovar than {regCovar}."),
        nameof(x));
}
