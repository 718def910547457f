namespace Segmentation.Monitoring.Statistics;

/// <summary>
/// The survival function of the two-sided one-sample Kolmogorov statistic D_n, P(D_n ≥ d), as scipy's
/// <c>scipy.stats.kstwo.sf</c> computes it (<c>scipy/stats/_ksstats.py</c>, after Simard and L'Ecuyer 2011,
/// "Computing the two-sided Kolmogorov-Smirnov distribution", Journal of Statistical Software 39(11)): the same
/// algorithm in each region, so the p-values agree to rounding.
/// </summary>
/// <remarks>
/// Regions: the Ruben–Gambino closed forms at both ends (n·d ≤ 1, n·d ≥ n − 1); d ≥ 0.5 and the upper tail through the
/// one-sided Smirnov probability (P = 2·P(D⁺ ≥ d), Birnbaum and Tingey 1951), which is exact there; otherwise 1 − CDF with
/// the CDF from the Durbin matrix (Marsaglia, Tsang and Wang 2003), Pomeranz's recursion (1974, n ≤ 140) or the
/// Pelz–Good asymptotic series (1976).
/// </remarks>
public static class KolmogorovDistribution
{
    private const int Exponent128 = 128;
    private const double MinLog = -708;
    private const int SmirnovMaxComputeN = 1_000_000;
    private static readonly double Plus128 = Math.ScaleB(1.0, Exponent128);
    private static readonly double Minus128 = Math.ScaleB(1.0, -Exponent128);
    private static readonly double[] StirlingCoefficients =
    [
        -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ];

    /// <summary>P(D_n ≥ <paramref name="d"/>) for a sample of <paramref name="n"/> ≥ 1.</summary>
    public static double Survival(int n, double d)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (double.IsNaN(d))
        {
            return double.NaN;
        }

        if (d >= 1.0)
        {
            return 0.0;
        }

        if (d <= 0.0)
        {
            return 1.0;
        }

        var t = n * d;
        if (t <= 1.0)
        {
            if (t <= 0.5)
            {
                return 1.0;
            }

            double cdf;
            if (n <= 140)
            {
                cdf = 1.0;
                for (var i = 1; i <= n; i++)
                {
                    cdf *= i * (1.0 / n) * ((2 * t) - 1);
                }
            }
            else
            {
                cdf = Math.Exp(LogFactorialOverPower(n) + (n * Math.Log((2 * t) - 1)));
            }

            return Clip(1.0 - cdf);
        }

        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1.0 - d, n));
        }

        if (d >= 0.5)
        {
            return Clip(2 * Smirnov(n, d));
        }

        var nxSquared = t * d;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693)
            {
                return Clip(1.0 - Clip(Durbin(n, d)));
            }

            if (nxSquared <= 4)
            {
                return Clip(1.0 - Clip(Pomeranz(n, d)));
            }

            return Clip(2 * Smirnov(n, d));
        }

        if (nxSquared >= 370.0)
        {
            return 0.0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * Smirnov(n, d));
        }

        // nxSquared < 2.2 here, below scipy's 18.0 cut-over to CDF = 1.
        var cdfProbability = n <= 100000 && n * Math.Pow(d, 1.5) <= 1.4 ? Durbin(n, d) : PelzGood(n, d);
        return Clip(1.0 - cdfProbability);
    }

    /// <summary>
    /// The one-sided Smirnov survival P(D⁺_n ≥ d) by the Birnbaum–Tingey sum
    /// d · Σ_{j=0}^{⌊n(1−d)⌋} C(n, j) (d + j/n)^(j−1) (1 − d − j/n)^(n−j), its terms summed in logs (they are all positive).
    /// </summary>
    public static double Smirnov(int n, double d)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (d >= 1.0)
        {
            return 0.0;
        }

        if (d <= 0.0)
        {
            return 1.0;
        }

        if (n > SmirnovMaxComputeN)
        {
            // scipy's approximation above a million: p ≈ exp(−(6nd + 1)² / 18n).
            var logp = -Math.Pow((6.0 * n * d) + 1, 2) / 18.0 / n;
            return logp < -Math.Log(2) ? Math.Exp(logp) : 1 + double.ExpM1(logp);
        }

        var last = (int)Math.Floor(n * (1 - d));
        var logs = new double[last + 1];
        // ln C(n, j) as a compensated running sum (Neumaier): a plain sum of up to a million logs drifts by ~1e-9,
        // which exp() turns into that relative error of the p-value.
        double logBinomial = 0.0, compensation = 0.0;
        var count = 0;
        for (var j = 0; j <= last; j++)
        {
            if (j > 0)
            {
                var term = Math.Log((double)(n - j + 1) / j);
                var next = logBinomial + term;
                compensation += Math.Abs(logBinomial) >= Math.Abs(term) ? (logBinomial - next) + term : (term - next) + logBinomial;
                logBinomial = next;
            }

            var rest = 1 - d - ((double)j / n);
            if (rest <= 0 && n - j > 0)
            {
                continue;
            }

            var head = d + ((double)j / n);
            logs[count++] = logBinomial + compensation + ((j - 1) * Math.Log(head)) + (n - j == 0 ? 0 : (n - j) * Math.Log(rest));
        }

        if (count == 0)
        {
            return 0.0;
        }

        var max = logs.AsSpan(0, count).ToArray().Max();
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += Math.Exp(logs[i] - max);
        }

        return Math.Min(1.0, d * Math.Exp(max + Math.Log(sum)));
    }

    private static double Clip(double p) => Math.Clamp(p, 0.0, 1.0);

    private static double LogFactorialOverPower(int n)
    {
        var rn = 1.0 / n;
        var poly = 0.0;
        foreach (var c in StirlingCoefficients)
        {
            poly = (poly * (rn / n)) + c;
        }

        return (Math.Log(n) / 2) - n + (Math.Log(2 * Math.PI) / 2) + (rn * poly);
    }

    /// <summary>P(D_n ≤ d) by the Durbin matrix, in the form of Marsaglia, Tsang and Wang (2003), powers scaled by 2^128.</summary>
    private static double Durbin(int n, double d)
    {
        var nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = (2 * k) - 1;
        var v = new double[m];
        var w = new double[m];
        var fac = 1.0;
        for (var j = 1; j <= m; j++)
        {
            v[j - 1] = 1.0 - Math.Pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }

        var tt = Math.Pow(Math.Max((2 * h) - 1.0, 0), m) - (2 * Math.Pow(h, m));
        v[m - 1] = (1.0 + tt) * fac;
        var hMatrix = new double[m, m];
        for (var i = 1; i < m; i++)
        {
            for (var r = i - 1; r < m; r++)
            {
                hMatrix[r, i] = w[r - (i - 1)];
            }
        }

        for (var r = 0; r < m; r++)
        {
            hMatrix[r, 0] = v[r];
        }

        for (var c = 0; c < m; c++)
        {
            hMatrix[m - 1, c] = v[m - 1 - c];
        }

        var power = Identity(m);
        var nn = n;
        var exponent = 0;
        var hExponent = 0;
        while (nn > 0)
        {
            if (nn % 2 == 1)
            {
                power = Multiply(power, hMatrix);
                exponent += hExponent;
            }

            hMatrix = Multiply(hMatrix, hMatrix);
            hExponent *= 2;
            if (Math.Abs(hMatrix[k - 1, k - 1]) > Plus128)
            {
                Scale(hMatrix, Minus128);
                hExponent += Exponent128;
            }

            nn /= 2;
        }

        var p = power[k - 1, k - 1];
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < Minus128)
            {
                p *= Plus128;
                exponent -= Exponent128;
            }
        }

        if (exponent != 0)
        {
            p = Math.ScaleB(p, exponent);
        }

        return Clip(p);
    }

    private static double[,] Identity(int m)
    {
        var identity = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            identity[i, i] = 1.0;
        }

        return identity;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var m = a.GetLength(0);
        var c = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var s = 0.0;
                for (var l = 0; l < m; l++)
                {
                    s += a[i, l] * b[l, j];
                }

                c[i, j] = s;
            }
        }

        return c;
    }

    private static void Scale(double[,] a, double factor)
    {
        for (var i = 0; i < a.GetLength(0); i++)
        {
            for (var j = 0; j < a.GetLength(1); j++)
            {
                a[i, j] *= factor;
            }
        }
    }

    private static (int J1, int J2) PomeranzBounds(int i, int n, int ll, int ceilf, int roundf)
    {
        int j1, j2;
        if (i == 0)
        {
            (j1, j2) = (-ll - ceilf - 1, ll + ceilf - 1);
        }
        else
        {
            var half = (i + 1) / 2;
            if ((i + 1) % 2 == 0)
            {
                (j1, j2) = half == n + 1
                    ? (n - ll - ceilf - 1, n + ll + ceilf - 1)
                    : (half - 1 - ll - roundf - 1, half + ll - 1 + ceilf - 1);
            }
            else
            {
                (j1, j2) = (half - 1 - ll - 1, half + ll + roundf - 1);
            }
        }

        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    /// <summary>P(D_n ≤ d) by Pomeranz's recursion (1974), as scipy's <c>_kolmogn_Pomeranz</c>.</summary>
    private static double Pomeranz(int n, double x)
    {
        var t = n * x;
        var ll = (int)Math.Floor(t);
        var f = t - ll;
        var g = Math.Min(f, 1.0 - f);
        var ceilf = f > 0 ? 1 : 0;
        var roundf = f > 0.5 ? 1 : 0;
        var powers = 2 * (ll + 1);
        var gPower = new double[powers];
        var twoGPower = new double[powers];
        var oneMinusTwoGPower = new double[powers];
        gPower[0] = twoGPower[0] = oneMinusTwoGPower[0] = 1.0;
        var exponent = 0;
        double gOverN = g / n, twoGOverN = 2 * g / n, oneMinusTwoGOverN = (1 - (2 * g)) / n;
        for (var m = 1; m < powers; m++)
        {
            gPower[m] = gPower[m - 1] * gOverN / m;
            twoGPower[m] = twoGPower[m - 1] * twoGOverN / m;
            oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * oneMinusTwoGOverN / m;
        }

        var v0 = new double[powers];
        var v1 = new double[powers];
        v1[0] = 1;
        int v0s = 0, v1s = 0;
        var (j1, j2) = PomeranzBounds(0, n, ll, ceilf, roundf);
        for (var i = 1; i < (2 * n) + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0s, v1s) = (v1s, v0s);
            Array.Clear(v1);
            (j1, j2) = PomeranzBounds(i, n, ll, ceilf, roundf);
            var pw = i == 1 || i == (2 * n) + 1 ? gPower : i % 2 == 1 ? twoGPower : oneMinusTwoGPower;
            var length = j2 - k1 + 1;
            if (length > 0)
            {
                // np.convolve(V0[k1 - V0s : k1 - V0s + length], pw[:length]); entries conv_start … conv_start + conv_len − 1.
                var start = j1 - k1;
                var count = j2 - j1 + 1;
                for (var c = 0; c < count; c++)
                {
                    var index = start + c;
                    var s = 0.0;
                    // numpy slicing stops at the array's end; a missing entry contributes nothing.
                    var first = Math.Max(0, index - Math.Min(length, pw.Length) + 1);
                    var lastA = Math.Min(index, Math.Min(length, v0.Length - (k1 - v0s)) - 1);
                    for (var a = first; a <= lastA; a++)
                    {
                        s += v0[k1 - v0s + a] * pw[index - a];
                    }

                    v1[c] = s;
                }

                var max = v1.Max();
                if (max > 0 && max < Minus128)
                {
                    Scale(v1, Plus128);
                    exponent -= Exponent128;
                }

                v1s = v0s + j1 - k1;
            }
        }

        var answer = v1[n - v1s];
        for (var m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > Plus128)
            {
                answer *= Minus128;
                exponent += Exponent128;
            }

            answer *= m;
        }

        if (exponent != 0)
        {
            answer = Math.ScaleB(answer, exponent);
        }

        return Clip(answer);
    }

    private static void Scale(double[] a, double factor)
    {
        for (var i = 0; i < a.Length; i++)
        {
            a[i] *= factor;
        }
    }

    /// <summary>P(D_n ≤ d) by the Pelz–Good (1976) series, as scipy's <c>_kolmogn_PelzGood</c>.</summary>
    private static double PelzGood(int n, double x)
    {
        var z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
        var pi2 = Math.PI * Math.PI;
        var pi4 = pi2 * pi2;
        var pi6 = pi4 * pi2;
        var qlog = -pi2 / 8 / z2;
        if (qlog < MinLog)
        {
            return 0.0;
        }

        var q = Math.Exp(qlog);
        var k1a = -z2;
        var k1b = pi2 / 4;
        var k2a = (6 * z6) + (2 * z4);
        var k2b = ((2 * z4) - (5 * z2)) * pi2 / 4;
        var k2c = pi4 * (1 - (2 * z2)) / 16;
        var k3d = pi6 * (5 - (30 * z2)) / 64;
        var k3c = pi4 * ((-60 * z2) + (212 * z4)) / 16;
        var k3b = pi2 * ((135 * z4) - (96 * z6)) / 4;
        var k3a = (-30 * z6) - (90 * Math.Pow(z, 8));
        var terms = new double[4];
        var maxk = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxk; k > 0; k--)
        {
            var m = (2 * k) - 1;
            double m2 = (double)m * m, m4 = m2 * m2, m6 = m4 * m2;
            var qPower = Math.Pow(q, 8 * k);
            double[] coefficients =
            [
                1.0,
                k1a + (k1b * m2),
                k2a + (k2b * m2) + (k2c * m4),
                k3a + (k3b * m2) + (k3c * m4) + (k3d * m6),
            ];
            for (var i = 0; i < 4; i++)
            {
                terms[i] = (terms[i] * qPower) + coefficients[i];
            }
        }

        var sqrt2Pi = Math.Sqrt(2 * Math.PI);
        double[] divisors = [z, 6 * z4, 72 * Math.Pow(z, 7), 6480 * Math.Pow(z, 10)];
        for (var i = 0; i < 4; i++)
        {
            terms[i] = terms[i] * q * sqrt2Pi / divisors[i];
        }

        q = Math.Exp(-pi2 / 2 / z2);
        double k2extra = 0, k3extra = 0;
        var sqrt3z = Math.Sqrt(3) * z;
        for (var k = maxk; k > 0; k--)
        {
            var k2 = (double)k * k;
            var qPower = Math.Pow(q, k2);
            k2extra += k2 * qPower;
            var kpi = Math.PI * k;
            k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qPower;
        }

        terms[2] += k2extra * pi2 * sqrt2Pi / (-36 * z3);
        terms[3] += k3extra * pi2 * sqrt2Pi / (216 * z6);
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            sum += terms[i] / Math.Pow(n, i / 2.0);
        }

        return sum;
    }
}
