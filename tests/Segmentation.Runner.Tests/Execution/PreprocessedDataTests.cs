using Segmentation.Clustering;
using Segmentation.Clustering.Hierarchical;
using Segmentation.Clustering.Metrics;
using Segmentation.Clustering.Pipeline;
using Segmentation.Clustering.Scaling;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Tests.Execution;

public sealed class PreprocessedDataTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(PreprocessedData.OnTheFlySilhouetteMaxColumns)]
    [InlineData(PreprocessedData.OnTheFlySilhouetteMaxColumns + 1)]
    [InlineData(9)]
    public void Silhouette_NarrowOrWideMatrix_EqualsTheScoreFromTheDistanceCache(int columns)
    {
        // Both sides of the width rule, over seeded random data and labelings: on the fly or cached, the same score to 1e-12.
        for (var seed = 0; seed < 5; seed++)
        {
            var random = new Random(seed);
            var x = new Matrix(300, columns);
            for (var i = 0; i < x.Rows; i++)
            {
                for (var f = 0; f < columns; f++)
                {
                    x[i, f] = random.NextDouble() * (f + 1);
                }
            }

            var labels = Enumerable.Range(0, x.Rows).Select(_ => random.Next(2 + seed)).ToArray();
            var names = Enumerable.Range(0, columns).Select(f => "f" + f.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var data = PreprocessedData.Fit(new PreprocessingKey(ScalerNames.Standard, ReductionChoice.None), x, names);

            var expected = Silhouette.Score(PairwiseDistances.Compute(data.Transformed, 1), labels);

            Assert.Equal(expected, data.Silhouette(labels), 12);
            Assert.InRange(data.Silhouette(labels), -1, 1);
        }
    }

    [Theory]
    [InlineData(Linkage.Ward)]
    [InlineData(Linkage.Average)]
    public void Silhouette_TreeCutsOnEitherSideOfTheFineCut_EqualTheDirectScore(Linkage linkage)
    {
        // k up to the fine cut comes from the tree's shared distance sums, above it from a pass of its own, and labels that
        // are no cut of the tree (claimed as one) fall back to that pass too: every way, the direct score to 1e-12.
        var random = new Random(11);
        var x = new Matrix(500, 3);
        for (var i = 0; i < x.Rows; i++)
        {
            for (var f = 0; f < 3; f++)
            {
                x[i, f] = random.NextDouble() + (i % 5);
            }
        }

        var data = PreprocessedData.Fit(new PreprocessingKey(ScalerNames.Standard, ReductionChoice.None), x, ["a", "b", "c"]);
        var tree = data.Tree(linkage);
        foreach (var k in new[] { 2, 3, 7, PreprocessedData.TreeSilhouetteClusters - 1, PreprocessedData.TreeSilhouetteClusters, 20 })
        {
            var cut = tree.Cut(k);
            Assert.Equal(Silhouette.Score(data.Transformed, cut), data.Silhouette(cut, treeCutOf: linkage), 12);
        }

        var notACut = Enumerable.Range(0, x.Rows).Select(_ => random.Next(4)).ToArray();
        Assert.Equal(Silhouette.Score(data.Transformed, notACut), data.Silhouette(notACut, treeCutOf: linkage), 12);
    }

    [Fact]
    public void Silhouette_MoreRowsThanTheExactLimit_ScoresTheSampleTheSeedDraws()
    {
        var random = new Random(3);
        var x = new Matrix(400, 2);
        for (var i = 0; i < x.Rows; i++)
        {
            x[i, 0] = random.NextDouble() + (i % 3);
            x[i, 1] = random.NextDouble();
        }

        var labels = Enumerable.Range(0, x.Rows).Select(i => i % 3).ToArray();
        var fitted = Preprocessor.Fit(x, ["a", "b"], new ScalerSpec(ScalerNames.Standard), ReductionChoice.None.ToSpec());
        var sampled = new PreprocessedData(new PreprocessingKey(ScalerNames.Standard, ReductionChoice.None), fitted, fitted.Transform(x), exactSilhouetteMaxRows: 100);
        var exact = new PreprocessedData(new PreprocessingKey(ScalerNames.Standard, ReductionChoice.None), fitted, fitted.Transform(x), exactSilhouetteMaxRows: 400);

        Assert.Equal(100, sampled.SilhouetteSampleSize);
        Assert.Null(exact.SilhouetteSampleSize);
        Assert.Equal(Silhouette.Score(sampled.Transformed, labels, new SilhouetteOptions(100, 7)), sampled.Silhouette(labels, seed: 7), 12);
        Assert.Equal(sampled.Silhouette(labels, seed: 7), sampled.Silhouette(labels, seed: 7));
        Assert.NotEqual(sampled.Silhouette(labels, seed: 7), sampled.Silhouette(labels, seed: 8));
        Assert.Equal(Silhouette.Score(exact.Transformed, labels), exact.Silhouette(labels, seed: 7), 12);
        // A tree cut on a sampled matrix is scored on the sample like any labels (the tree's sums are of every row).
        var cut = sampled.Tree(Linkage.Ward).Cut(3);
        Assert.Equal(Silhouette.Score(sampled.Transformed, cut, new SilhouetteOptions(100, 7)), sampled.Silhouette(cut, seed: 7, treeCutOf: Linkage.Ward), 12);
    }

    [Fact]
    public void Tree_LinkageNeedingTheDistanceMatrixAboveTheRowLimit_RefusesNamingWard()
    {
        var random = new Random(5);
        var x = new Matrix(120, 2);
        for (var i = 0; i < x.Rows; i++)
        {
            x[i, 0] = random.NextDouble();
            x[i, 1] = random.NextDouble();
        }

        var fitted = Preprocessor.Fit(x, ["a", "b"], new ScalerSpec(ScalerNames.Standard), ReductionChoice.None.ToSpec());
        var data = new PreprocessedData(new PreprocessingKey(ScalerNames.Standard, ReductionChoice.None), fitted, fitted.Transform(x), maxDistanceMatrixRows: 100);

        var error = Assert.Throws<ArgumentException>(() => data.Tree(Linkage.Average));

        Assert.Contains("agglomerative linkage 'average' needs the pairwise distance matrix: 120 customers", error.Message, StringComparison.Ordinal);
        Assert.Contains("(limit 100 customers). Use linkage ward", error.Message, StringComparison.Ordinal);
        Assert.Equal(120, data.Tree(Linkage.Ward).Cut(3).Length);
    }
}
