namespace Segmentation.Clustering.Scaling;

/// <summary>Column statistics computed the way numpy / scikit-learn compute them.</summary>
internal static class Statistics
{
    // fdlibm's log1p constants (ln 2 split in two, and the polynomial of log(1 + f) on [√2/2 − 1, √2 − 1]).
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Two54 = 1.80143985094819840000e+16;
    private const double Lp1 = 6.666666666666735130e-01;
    private const double Lp2 = 3.999999999940941908e-01;
    private const double Lp3 = 2.857142874366239149e-01;
    private const double Lp4 = 2.222219843214978396e-01;
    private const double Lp5 = 1.818357216161805012e-01;
    private const double Lp6 = 1.531383769920937332e-01;
    private const double Lp7 = 1.479819860511658591e-01;

    // numpy sums a contiguous array in buffers of this many elements (its default ufunc buffer size), each pairwise.
    private const int NumpyBufferSize = 8192;

    /// <summary>
    /// log(1 + x) as the C library computes it (fdlibm's algorithm, in the operation order of glibc's dbl-64 s_log1p.c),
    /// so it agrees bit for bit with numpy's <c>np.log1p</c> on its libm path: the Yeo-Johnson lambda search compares
    /// likelihoods that differ only in their last bits, and one bit of log1p moves scikit-learn's lambda by ~1e-8.
    /// </summary>
    public static double Log1p(double x)
    {
        var hx = (int)(BitConverter.DoubleToInt64Bits(x) >> 32);
        var ax = hx & 0x7fffffff;
        var k = 1;
        var hu = 0;
        var f = 0.0;
        var c = 0.0;
        if (hx < 0x3FDA827A)
        {
            // x < 0.41422
            if (ax >= 0x3ff00000)
            {
                return x == -1.0 ? double.NegativeInfinity : double.NaN;
            }

            if (ax < 0x3e200000)
            {
                // |x| < 2^-29: the series' first terms are exact to the last bit.
                return ax < 0x3c900000 ? x : x - (x * x * 0.5);
            }

            if (hx > 0 || hx <= unchecked((int)0xbfd2bec4))
            {
                // -0.2929 < x < 0.41422: f = x directly.
                k = 0;
                f = x;
                hu = 1;
            }
        }
        else if (hx >= 0x7ff00000)
        {
            return x + x;
        }

        if (k != 0)
        {
            double u;
            if (hx < 0x43400000)
            {
                u = 1.0 + x;
                hu = HighWord(u);
                k = (hu >> 20) - 1023;
                // The rounding error of 1 + x, carried as a correction term.
                c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
                c /= u;
            }
            else
            {
                u = x;
                hu = HighWord(u);
                k = (hu >> 20) - 1023;
                c = 0;
            }

            hu &= 0x000fffff;
            if (hu < 0x6a09e)
            {
                u = WithHighWord(u, hu | 0x3ff00000);
            }
            else
            {
                k += 1;
                u = WithHighWord(u, hu | 0x3fe00000);
                hu = (0x00100000 - hu) >> 2;
            }

            f = u - 1.0;
        }

        var hfsq = 0.5 * f * f;
        if (hu == 0)
        {
            // |f| < 2^-20
            if (f == 0)
            {
                return k == 0 ? 0.0 : (k * Ln2Hi) + (c + (k * Ln2Lo));
            }

            var r0 = hfsq * (1.0 - (0.66666666666666666 * f));
            return k == 0 ? f - r0 : (k * Ln2Hi) - ((r0 - ((k * Ln2Lo) + c)) - f);
        }

        var s = f / (2.0 + f);
        var z = s * s;
        var z2 = z * z;
        var z4 = z2 * z2;
        var z6 = z4 * z2;
        var r = (z * Lp1) + (z2 * (Lp2 + (z * Lp3))) + (z4 * (Lp4 + (z * Lp5))) + (z6 * (Lp6 + (z * Lp7)));
        return k == 0 ? f - (hfsq - (s * (hfsq + r))) : (k * Ln2Hi) - ((hfsq - ((s * (hfsq + r)) + ((k * Ln2Lo) + c))) - f);
    }

    /// <summary>
    /// The sum numpy's <c>np.sum</c> returns for a contiguous float64 array: buffers of 8192 values added in turn, each
    /// summed pairwise (blocks of up to 128 with eight accumulators) — not a running sum, which rounds differently.
    /// </summary>
    public static double NumpySum(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        for (var start = 0; start < x.Length; start += NumpyBufferSize)
        {
            sum += PairwiseSum(x.Slice(start, Math.Min(NumpyBufferSize, x.Length - start)));
        }

        return sum;
    }

    /// <summary>numpy's population variance (<c>np.var</c>, ddof = 0): mean by <see cref="NumpySum"/>, then the mean square of the deviations.</summary>
    public static double NumpyVariance(ReadOnlySpan<double> x)
    {
        var mean = NumpySum(x) / x.Length;
        var squares = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var d = x[i] - mean;
            squares[i] = d * d;
        }

        return NumpySum(squares) / x.Length;
    }

    /// <summary>Arithmetic mean.</summary>
    public static double Mean(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += v;
        }

        return sum / x.Length;
    }

    /// <summary>Population variance (ddof = 0), two-pass with the rounding correction scikit-learn applies.</summary>
    public static double Variance(ReadOnlySpan<double> x)
    {
        var mean = Mean(x);
        var correction = 0.0;
        var squares = 0.0;
        foreach (var v in x)
        {
            var d = v - mean;
            correction += d;
            squares += d * d;
        }

        return Math.Max(0, (squares - (correction * correction / x.Length)) / x.Length);
    }

    /// <summary>Percentile in [0, 100] of already sorted values with numpy's default linear interpolation.</summary>
    public static double PercentileSorted(ReadOnlySpan<double> sorted, double q)
    {
        var position = q / 100.0 * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var t = position - lower;
        var a = sorted[lower];
        var b = sorted[upper];

        // numpy's _lerp: interpolate from the nearer end so the result is exact at both ends.
        return t >= 0.5 ? b - ((b - a) * (1 - t)) : a + ((b - a) * t);
    }

    // numpy's pairwise_sum_DOUBLE (loops_utils.h): the same splits and the same order of additions.
    private static double PairwiseSum(ReadOnlySpan<double> a)
    {
        var n = a.Length;
        if (n < 8)
        {
            var res = 0.0;
            foreach (var v in a)
            {
                res += v;
            }

            return res;
        }

        if (n <= 128)
        {
            Span<double> r = stackalloc double[8];
            a[..8].CopyTo(r);
            var i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                for (var j = 0; j < 8; j++)
                {
                    r[j] += a[i + j];
                }
            }

            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        var half = n / 2;
        half -= half % 8;
        return PairwiseSum(a[..half]) + PairwiseSum(a[half..]);
    }

    private static int HighWord(double x) => (int)(BitConverter.DoubleToInt64Bits(x) >> 32);

    private static double WithHighWord(double x, int high) =>
        BitConverter.Int64BitsToDouble(((long)high << 32) | (BitConverter.DoubleToInt64Bits(x) & 0xffffffffL));
}
