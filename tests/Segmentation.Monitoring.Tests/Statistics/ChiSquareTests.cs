using Segmentation.Monitoring.Statistics;

namespace Segmentation.Monitoring.Tests.Statistics;

public sealed class ChiSquareTests
{
    [Fact]
    public void Survival_Grid_EqualsScipyChi2()
    {
        foreach (var point in DriftReference.Array("chi2_sf"))
        {
            var df = point.GetProperty("df").GetInt32();
            var x = point.GetProperty("x").GetDouble();
            DriftReference.Close(point.GetProperty("sf").GetDouble(), ChiSquare.Survival(x, df), 1e-10, FormattableString.Invariant($"chi2.sf({x}, {df})"));
        }
    }

    [Fact]
    public void GoodnessOfFit_SegmentCases_EqualsScipyChisquareAndPsi()
    {
        foreach (var case_ in DriftReference.Array("segments"))
        {
            var name = case_.GetProperty("name").GetString()!;
            var observed = case_.GetProperty("observed").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var shares = DriftReference.Doubles(case_, "training_shares");
            var floored = shares.Select(s => Math.Max(s, PopulationStability.ShareFloor)).ToArray();
            var test = ChiSquare.GoodnessOfFit(observed, floored);
            var currentShares = observed.Select(o => (double)o / observed.Sum()).ToArray();

            DriftReference.Close(case_.GetProperty("chi2").GetDouble(), test.Statistic, 1e-12, name + " chi2");
            DriftReference.Close(case_.GetProperty("chi2_pvalue").GetDouble(), test.PValue, 1e-10, name + " p-value");
            DriftReference.Close(case_.GetProperty("psi").GetDouble(), PopulationStability.Index(shares, currentShares), 1e-12, name + " psi");
        }
    }

    [Fact]
    public void GoodnessOfFit_OneCategory_Throws()
    {
        Assert.Throws<ArgumentException>(() => ChiSquare.GoodnessOfFit([5], [1.0]));
    }
}
