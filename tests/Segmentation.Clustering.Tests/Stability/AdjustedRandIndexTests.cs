using Segmentation.Clustering.Stability;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Stability;

public sealed class AdjustedRandIndexTests
{
    [Fact]
    public void Score_SklearnFixture_Within1e9()
    {
        var total = 0;
        foreach (var name in SklearnPartB.DatasetNames)
        {
            foreach (var expected in SklearnPartB.Load(name).Raw.Ari)
            {
                SklearnPartB.AssertRelative(expected.Ari, AdjustedRandIndex.Score(expected.A, expected.B), 1e-9, name + " ARI");
                total++;
            }
        }

        Assert.True(total > 50);
    }

    [Fact]
    public void Score_SklearnPartCEdgeCases_Within1e12()
    {
        // Noise labels, a single-cluster labeling and a pure relabelling, from Fixtures/sklearn_part_c/generate.py.
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sklearn_part_c", "ari.json")));
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToList();
        foreach (var c in cases)
        {
            var a = c.GetProperty("a").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            var b = c.GetProperty("b").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            SklearnFixture.AssertClose(c.GetProperty("ari").GetDouble(), AdjustedRandIndex.Score(a, b), 1e-12, FormattableString.Invariant($"ARI n={a.Length}"));
        }

        Assert.Equal(8, cases.Count);
    }

    [Fact]
    public void Score_Relabelled_IsOne()
    {
        Assert.Equal(1.0, AdjustedRandIndex.Score([0, 0, 1, 1, 2], [5, 5, -1, -1, 3]));
    }

    [Fact]
    public void Score_ByHand_MatchesHubertArabie()
    {
        // Pairs (ordered): tp = 2, fp = 0, fn = 2, tn = 8 → 2(2·8 − 0) / (4·10 + 2·8) = 32/56 = 4/7 (scikit-learn: 0.5714285714285714).
        Assert.Equal(4.0 / 7.0, AdjustedRandIndex.Score([0, 0, 1, 1], [0, 0, 1, 2]), 15);
        Assert.Equal(-0.5, AdjustedRandIndex.Score([0, 0, 1, 1], [0, 1, 0, 1]), 15);
    }

    [Fact]
    public void Score_LengthMismatch_ThrowsNamingB()
    {
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => AdjustedRandIndex.Score([0, 1], [0])).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => AdjustedRandIndex.Score([], [])).ParamName);
    }
}
