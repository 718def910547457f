using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;

namespace Segmentation.Benchmarks.Clustering;

/// <summary>
/// Is the 512-bit square root the floor of the silhouette kernel (Silhouette.AddBlock)? The throughput of 8-lane
/// square roots alone, correctly rounded (vsqrtpd) against AVX-512's 14-bit reciprocal square-root estimate refined
/// by Newton–Raphson, on squared distances of the log-RFM scale. Compare with
/// <see cref="SilhouetteBenchmarks.SilhouetteLogRfmSerial"/>: the kernel does about 4.4 pairs of work per root.
/// </summary>
[MinColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class SquareRootBenchmarks
{
    private const int Count = 1 << 16;
    private double[] squared = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        squared = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            squared[i] = random.NextDouble() * random.NextDouble() * 40;
        }
    }

    /// <summary>Loads and adds only: the part of every variant that is not the root.</summary>
    [Benchmark(Baseline = true)]
    public double LoadAndAdd() => Run<NoRoot>();

    /// <summary>Vector512.Sqrt (vsqrtpd zmm), what the kernel uses.</summary>
    [Benchmark]
    public double HardwareSqrt() => Run<HardwareRoot>();

    /// <summary>vrsqrt14pd then two coupled Newton–Raphson steps and a final correction (about 1 ulp; not correctly rounded).</summary>
    [Benchmark]
    public double ReciprocalSqrt14Newton() => Run<NewtonRoot>();

    private double Run<TRoot>()
        where TRoot : struct, IRoot
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            throw new PlatformNotSupportedException("needs AVX-512");
        }

        ref var origin = ref MemoryMarshal.GetArrayDataReference(squared);
        var width = Vector512<double>.Count;

        // Four independent accumulators so the adds' latency does not hide the roots' throughput.
        var s0 = Vector512<double>.Zero;
        var s1 = Vector512<double>.Zero;
        var s2 = Vector512<double>.Zero;
        var s3 = Vector512<double>.Zero;
        for (var i = 0; i < Count; i += 4 * width)
        {
            s0 += TRoot.Root(Vector512.LoadUnsafe(ref origin, (nuint)i));
            s1 += TRoot.Root(Vector512.LoadUnsafe(ref origin, (nuint)(i + width)));
            s2 += TRoot.Root(Vector512.LoadUnsafe(ref origin, (nuint)(i + (2 * width))));
            s3 += TRoot.Root(Vector512.LoadUnsafe(ref origin, (nuint)(i + (3 * width))));
        }

        return Vector512.Sum((s0 + s1) + (s2 + s3));
    }

    private interface IRoot
    {
        static abstract Vector512<double> Root(Vector512<double> x);
    }

    private readonly struct NoRoot : IRoot
    {
        public static Vector512<double> Root(Vector512<double> x) => x;
    }

    private readonly struct HardwareRoot : IRoot
    {
        public static Vector512<double> Root(Vector512<double> x) => Vector512.Sqrt(x);
    }

    private readonly struct NewtonRoot : IRoot
    {
        public static Vector512<double> Root(Vector512<double> x)
        {
            // d ≈ √x and h ≈ 1/(2√x) refined together (Goldschmidt); 14 -> 28 -> 56 bits, then d += (x − d²)·h.
            var half = Vector512.Create(0.5);
            var y = Avx512F.ReciprocalSqrt14(x);
            var d = x * y;
            var h = half * y;
            var r = Vector512.FusedMultiplyAdd(-d, h, half);
            d = Vector512.FusedMultiplyAdd(d, r, d);
            h = Vector512.FusedMultiplyAdd(h, r, h);
            r = Vector512.FusedMultiplyAdd(-d, h, half);
            d = Vector512.FusedMultiplyAdd(d, r, d);
            h = Vector512.FusedMultiplyAdd(h, r, h);
            d = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(-d, d, x), h, d);

            // x = 0 gives 0 · ∞ = NaN above; the distance of equal points is exactly 0.
            return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), Vector512<double>.Zero, d);
        }
    }
}
