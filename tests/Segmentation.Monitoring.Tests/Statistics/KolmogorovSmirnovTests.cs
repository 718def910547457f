using Segmentation.Monitoring.Statistics;

namespace Segmentation.Monitoring.Tests.Statistics;

public sealed class KolmogorovSmirnovTests
{
    public static TheoryData<string> Samples() => [.. DriftReference.Array("samples").Select(s => s.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Samples))]
    public void TwoSample_ReferenceSamples_EqualsScipyAsymp(string name)
    {
        var sample = DriftReference.Array("samples").Single(s => s.GetProperty("name").GetString() == name);
        var result = KolmogorovSmirnov.TwoSample(DriftReference.Doubles(sample, "reference"), DriftReference.Doubles(sample, "current"));

        Assert.Equal(sample.GetProperty("ks_statistic").GetDouble(), result.Statistic);
        DriftReference.Close(sample.GetProperty("ks_pvalue").GetDouble(), result.PValue, 1e-10, name + " p-value");
    }

    [Fact]
    public void Survival_EveryBranch_EqualsScipyKstwo()
    {
        var failures = new List<string>();
        foreach (var point in DriftReference.Array("kstwo_sf"))
        {
            var n = point.GetProperty("n").GetInt32();
            var d = point.GetProperty("d").GetDouble();
            var expected = point.GetProperty("sf").GetDouble();
            var actual = KolmogorovDistribution.Survival(n, d);
            if (Math.Abs(actual - expected) > Math.Max(1e-10 * Math.Abs(expected), 1e-300))
            {
                failures.Add(FormattableString.Invariant($"n={n} d={d}: scipy {expected:R}, ours {actual:R}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void TwoSample_ShiftedSeededSamples_StatisticInUnitIntervalAndPValueFalls()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var random = new Random(seed);
            var reference = Enumerable.Range(0, 400).Select(_ => random.NextDouble()).ToArray();
            var near = Enumerable.Range(0, 300).Select(_ => random.NextDouble() + 0.01).ToArray();
            var far = near.Select(x => x + 0.3).ToArray();
            var a = KolmogorovSmirnov.TwoSample(reference, near);
            var b = KolmogorovSmirnov.TwoSample(reference, far);

            Assert.InRange(a.Statistic, 0, 1);
            Assert.True(b.Statistic > a.Statistic && b.PValue < a.PValue, $"seed {seed}");
        }
    }
}
