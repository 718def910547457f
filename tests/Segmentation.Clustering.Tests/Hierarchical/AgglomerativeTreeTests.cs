using Segmentation.Clustering.Hierarchical;
using Segmentation.Clustering.Metrics;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Hierarchical;

public sealed class AgglomerativeTreeTests
{
    public static TheoryData<string> Datasets() => [.. SklearnPartB.DatasetNames];

    public static TheoryData<string, Linkage> Cases()
    {
        var data = new TheoryData<string, Linkage>();
        foreach (var name in SklearnPartB.DatasetNames)
        {
            foreach (var linkage in Enum.GetValues<Linkage>())
            {
                data.Add(name, linkage);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cut_SklearnFixture_SamePartitionForEveryK(string dataset, Linkage linkage)
    {
        var fixture = SklearnPartB.Load(dataset);
        var tree = AgglomerativeTree.Build(fixture.X, linkage);
        var cases = fixture.Raw.Agglomerative.Where(c => c.Linkage == linkage.ToString().ToLowerInvariant()).ToList();
        Assert.NotEmpty(cases);
        foreach (var expected in cases)
        {
            var labels = tree.Cut(expected.K);
            Assert.True(SklearnPartB.SamePartition(expected.Labels, labels), $"{dataset} {linkage} k={expected.K} differs from scikit-learn");
        }
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void BuildWard_PortableVectorWidth_SklearnPartitionForEveryK(string dataset)
    {
        // The 512-bit search runs where AVX-512 is accelerated; this pins the Vector<double> one.
        var fixture = SklearnPartB.Load(dataset);
        var tree = AgglomerativeTree.BuildWard(fixture.X, wide: false);
        foreach (var expected in fixture.Raw.Agglomerative.Where(c => c.Linkage == "ward"))
        {
            Assert.True(SklearnPartB.SamePartition(expected.Labels, tree.Cut(expected.K)), $"{dataset} ward k={expected.K} differs from scikit-learn");
        }
    }

    [Fact]
    public void BuildWard_RandomTiedInputs_BothVectorWidthsGiveIdenticalMerges()
    {
        // Coarse grids make many equal costs, so the first-minimum rule and the self slot at either end of the active
        // run (empty search before or after it) are exercised; sizes straddle the vector widths.
        var random = new Random(17);
        for (var trial = 0; trial < 60; trial++)
        {
            var n = random.Next(2, 45);
            var d = random.Next(1, 6);
            var x = new Matrix(n, d);
            for (var i = 0; i < x.Data.Length; i++)
            {
                x.Data[i] = random.Next(4);
            }

            x.Data[0] = 9;
            var wide = AgglomerativeTree.BuildWard(x, wide: true);
            var portable = AgglomerativeTree.BuildWard(x, wide: false);
            Assert.Equal(wide.Merges, portable.Merges);
            for (var t = 1; t < wide.Merges.Count; t++)
            {
                Assert.True(wide.Merges[t - 1].Height <= wide.Merges[t].Height);
            }
        }
    }

    [Theory]
    [InlineData(Linkage.Ward)]
    [InlineData(Linkage.Complete)]
    [InlineData(Linkage.Average)]
    [InlineData(Linkage.Single)]
    public void Build_FromDistanceCache_SameCutsAsFromMatrix(Linkage linkage)
    {
        var fixture = SklearnPartB.Load("blobs_600x5");
        var fromMatrix = AgglomerativeTree.Build(fixture.X, linkage);
        var fromCache = AgglomerativeTree.Build(PairwiseDistances.Compute(fixture.X), linkage);
        for (var k = 2; k <= 12; k++)
        {
            Assert.True(SklearnPartB.SamePartition(fromMatrix.Cut(k), fromCache.Cut(k)), $"k={k}");
        }

        for (var t = 0; t < fromMatrix.Merges.Count; t++)
        {
            Assert.Equal(fromMatrix.Merges[t].Height, fromCache.Merges[t].Height, 1e-9);
        }
    }

    [Fact]
    public void Merges_AnyTree_AscendingHeightsAndScipyIds()
    {
        var fixture = SklearnPartB.Load("blobs_300x2");
        var tree = AgglomerativeTree.Build(fixture.X, Linkage.Average);
        Assert.Equal(fixture.X.Rows - 1, tree.Merges.Count);
        var used = new HashSet<int>();
        for (var t = 0; t < tree.Merges.Count; t++)
        {
            var merge = tree.Merges[t];
            Assert.True(t == 0 || tree.Merges[t - 1].Height <= merge.Height);
            Assert.True(merge.Left < fixture.X.Rows + t && merge.Right < fixture.X.Rows + t);
            Assert.True(used.Add(merge.Left) && used.Add(merge.Right));
        }

        Assert.Equal(fixture.X.Rows, tree.Merges[^1].Size);
    }

    [Fact]
    public void Cut_TwoSeparatedPairs_HeightsAreLinkageDistances()
    {
        var x = Matrix.FromRows([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 3.0]]);
        var single = AgglomerativeTree.Build(x, Linkage.Single);
        Assert.Equal([1.0, 3.0, 10.0], single.Merges.Select(m => m.Height));
        Assert.Equal([0, 0, 1, 1], single.Cut(2));
        var complete = AgglomerativeTree.Build(x, Linkage.Complete);
        Assert.Equal(Math.Sqrt(109.0), complete.Merges[^1].Height, 12);

        // Ward merge height is sqrt(2 * increase in SSE): for two singletons that is their distance.
        var ward = AgglomerativeTree.Build(x, Linkage.Ward);
        Assert.Equal(1.0, ward.Merges[0].Height, 12);
        Assert.Equal([0, 1, 2, 3], ward.Cut(4));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(5)]
    public void Cut_KOutOfRange_ThrowsNamingK(int k)
    {
        var tree = AgglomerativeTree.Build(Matrix.FromRows([[0.0], [1.0], [3.0], [7.0]]), Linkage.Ward);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => tree.Cut(k));
        Assert.Equal("k", error.ParamName);
        Assert.Contains(k.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NaN_ThrowsNamingX()
    {
        var error = Assert.Throws<ArgumentException>(() => AgglomerativeTree.Build(Matrix.FromRows([[0.0], [double.NaN]]), Linkage.Ward));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OneSample_ThrowsNamingX()
    {
        var error = Assert.Throws<ArgumentException>(() => AgglomerativeTree.Build(Matrix.FromRows([[1.0, 2.0]]), Linkage.Single));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("1 row", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Linkage.Ward)]
    [InlineData(Linkage.Single)]
    public void Build_AllIdentical_ThrowsNamingX(Linkage linkage)
    {
        var x = Matrix.FromRows([[2.0, 1.0], [2.0, 1.0], [2.0, 1.0]]);
        var error = Assert.Throws<ArgumentException>(() => AgglomerativeTree.Build(x, linkage));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("same point", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AgglomerativeTree.Build(PairwiseDistances.Compute(x), linkage));
    }

    [Fact]
    public void Cut_RandomInputs_LabelsInRangeAndKClusters()
    {
        var random = new Random(42);
        for (var trial = 0; trial < 40; trial++)
        {
            var n = random.Next(3, 60);
            var d = random.Next(1, 5);
            var x = new Matrix(n, d);
            for (var i = 0; i < x.Data.Length; i++)
            {
                x.Data[i] = random.NextDouble() * 10;
            }

            var linkage = (Linkage)(trial % 4);
            var tree = AgglomerativeTree.Build(x, linkage);
            var k = random.Next(2, n + 1);
            var labels = tree.Cut(k);
            Assert.All(labels, l => Assert.InRange(l, 0, k - 1));
            Assert.Equal(k, labels.Distinct().Count());
        }
    }
}
