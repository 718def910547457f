using Segmentation.Monitoring.Statistics;

namespace Segmentation.Monitoring.Tests.Statistics;

public sealed class PopulationStabilityTests
{
    public static TheoryData<string> Samples() => [.. DriftReference.Array("samples").Select(s => s.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Compute_ReferenceSamples_EqualsNumpy(string name)
    {
        var sample = DriftReference.Array("samples").Single(s => s.GetProperty("name").GetString() == name);
        var result = PopulationStability.Compute(DriftReference.Doubles(sample, "reference"), DriftReference.Doubles(sample, "current"));

        // Edges are the same doubles as np.quantile's (same interpolation), so every value falls in the same bin.
        Assert.Equal(DriftReference.Doubles(sample, "edges"), result.Edges);
        Assert.Equal(DriftReference.Doubles(sample, "reference_shares"), result.ReferenceShares.Select(s => Math.Max(s, PopulationStability.ShareFloor)));
        Assert.Equal(DriftReference.Doubles(sample, "current_shares"), result.CurrentShares.Select(s => Math.Max(s, PopulationStability.ShareFloor)));
        DriftReference.Close(sample.GetProperty("psi").GetDouble(), result.Value, 1e-12, name + " psi", 1e-15);
    }

    [Fact]
    public void Compute_IdenticalSamples_IsZero()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 500).Select(_ => Math.Round(random.NextDouble() * 100)).ToArray();

        Assert.Equal(0.0, PopulationStability.Compute(values, values).Value);
    }

    [Fact]
    public void Compute_ManySeededSamples_IsNonNegativeAndSharesSumToOne()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var reference = Enumerable.Range(0, 1 + random.Next(300)).Select(_ => Math.Floor(random.NextDouble() * 20)).ToArray();
            var current = Enumerable.Range(0, 1 + random.Next(300)).Select(_ => Math.Floor(random.NextDouble() * 25)).ToArray();
            var result = PopulationStability.Compute(reference, current);

            Assert.True(result.Value >= 0, $"seed {seed}: psi {result.Value}");
            Assert.Equal(1.0, result.ReferenceShares.Sum(), 12);
            Assert.Equal(1.0, result.CurrentShares.Sum(), 12);
            Assert.Equal(result.Edges.Count + 1, result.CurrentShares.Count);
        }
    }

    [Fact]
    public void Compute_NonFiniteValue_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => PopulationStability.Compute([1.0, double.NaN], [1.0]));
        Assert.Contains("non-finite", error.Message, StringComparison.Ordinal);
    }
}
