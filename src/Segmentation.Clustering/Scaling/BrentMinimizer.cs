namespace Segmentation.Clustering.Scaling;

/// <summary>One-dimensional minimisation: downhill bracketing then Brent's method (Brent 1973), as scipy.optimize.brent.</summary>
internal static class BrentMinimizer
{
    private const double Golden = 1.618034;
    private const double GoldenSection = 0.3819660;
    private const double RelativeTolerance = 1.48e-8;
    private const double MinTolerance = 1.0e-11;
    private const double GrowLimit = 110.0;
    private const double VerySmall = 1e-21;
    private const int MaxIterations = 500;

    /// <summary>Local minimum of <paramref name="f"/> searched from the starting pair (<paramref name="xa"/>, <paramref name="xb"/>).</summary>
    public static double Minimize(Func<double, double> f, double xa, double xb)
    {
        var (a, b, c, fb) = Bracket(f, xa, xb);
        return Brent(f, a, b, c, fb);
    }

    private static (double A, double B, double C, double Fb) Bracket(Func<double, double> f, double xa, double xb)
    {
        var fa = f(xa);
        var fb = f(xb);
        if (fa < fb)
        {
            (xa, xb) = (xb, xa);
            (fa, fb) = (fb, fa);
        }

        var xc = xb + (Golden * (xb - xa));
        var fc = f(xc);
        var iterations = 0;
        while (fc < fb)
        {
            var tmp1 = (xb - xa) * (fb - fc);
            var tmp2 = (xb - xc) * (fb - fa);
            var val = tmp2 - tmp1;
            var denom = Math.Abs(val) < VerySmall ? 2.0 * VerySmall : 2.0 * val;
            var w = xb - ((((xb - xc) * tmp2) - ((xb - xa) * tmp1)) / denom);
            var wlim = xb + (GrowLimit * (xc - xb));
            if (++iterations > 1000)
            {
                throw new ArgumentException("The Yeo-Johnson likelihood has no minimum to bracket (column may be degenerate).", "x");
            }

            double fw;
            if ((w - xc) * (xb - w) > 0.0)
            {
                fw = f(w);
                if (fw < fc)
                {
                    return (xb, w, xc, fw);
                }

                if (fw > fb)
                {
                    return (xa, xb, w, fb);
                }

                w = xc + (Golden * (xc - xb));
                fw = f(w);
            }
            else if ((w - wlim) * (wlim - xc) >= 0.0)
            {
                w = wlim;
                fw = f(w);
            }
            else if ((w - wlim) * (xc - w) > 0.0)
            {
                fw = f(w);
                if (fw < fc)
                {
                    xb = xc;
                    xc = w;
                    w = xc + (Golden * (xc - xb));
                    fb = fc;
                    fc = fw;
                    fw = f(w);
                }
            }
            else
            {
                w = xc + (Golden * (xc - xb));
                fw = f(w);
            }

            xa = xb;
            xb = xc;
            xc = w;
            fa = fb;
            fb = fc;
            fc = fw;
        }

        return (xa, xb, xc, fb);
    }

    private static double Brent(Func<double, double> f, double xa, double xb, double xc, double fb)
    {
        double x = xb, w = xb, v = xb;
        double fx = fb, fw = fb, fv = fb;
        var (a, b) = xa < xc ? (xa, xc) : (xc, xa);
        var deltax = 0.0;
        var rat = 0.0;
        for (var iter = 0; iter < MaxIterations; iter++)
        {
            var tol1 = (RelativeTolerance * Math.Abs(x)) + MinTolerance;
            var tol2 = 2.0 * tol1;
            var xmid = 0.5 * (a + b);
            if (Math.Abs(x - xmid) < tol2 - (0.5 * (b - a)))
            {
                break;
            }

            if (Math.Abs(deltax) <= tol1)
            {
                deltax = x >= xmid ? a - x : b - x;
                rat = GoldenSection * deltax;
            }
            else
            {
                var tmp1 = (x - w) * (fx - fv);
                var tmp2 = (x - v) * (fx - fw);
                var p = ((x - v) * tmp2) - ((x - w) * tmp1);
                tmp2 = 2.0 * (tmp2 - tmp1);
                if (tmp2 > 0.0)
                {
                    p = -p;
                }

                tmp2 = Math.Abs(tmp2);
                var previous = deltax;
                deltax = rat;
                if (p > tmp2 * (a - x) && p < tmp2 * (b - x) && Math.Abs(p) < Math.Abs(0.5 * tmp2 * previous))
                {
                    rat = p / tmp2;
                    var u0 = x + rat;
                    if (u0 - a < tol2 || b - u0 < tol2)
                    {
                        rat = xmid - x >= 0 ? tol1 : -tol1;
                    }
                }
                else
                {
                    deltax = x >= xmid ? a - x : b - x;
                    rat = GoldenSection * deltax;
                }
            }

            var u = Math.Abs(rat) < tol1 ? (rat >= 0 ? x + tol1 : x - tol1) : x + rat;
            var fu = f(u);
            if (fu > fx)
            {
                if (u < x)
                {
                    a = u;
                }
                else
                {
                    b = u;
                }

                if (fu <= fw || w == x)
                {
                    v = w;
                    w = u;
                    fv = fw;
                    fw = fu;
                }
                else if (fu <= fv || v == x || v == w)
                {
                    v = u;
                    fv = fu;
                }
            }
            else
            {
                if (u >= x)
                {
                    a = x;
                }
                else
                {
                    b = x;
                }

                v = w;
                w = x;
                x = u;
                fv = fw;
                fw = fx;
                fx = fu;
            }
        }

        return x;
    }
}
