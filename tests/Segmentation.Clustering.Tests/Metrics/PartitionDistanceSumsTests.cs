using Segmentation.Clustering.Hierarchical;
using Segmentation.Clustering.Metrics;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Metrics;

public sealed class PartitionDistanceSumsTests
{
    public static TheoryData<string> Datasets() => [.. SklearnPartB.DatasetNames];

    [Theory]
    [MemberData(nameof(Datasets))]
    public void TryScoreCoarsening_TreeCutsFromTheFineCut_EqualScikitLearnWithin1e9(string dataset)
    {
        var fixture = SklearnPartB.Load(dataset);
        var scored = 0;
        foreach (var linkage in new[] { Linkage.Ward, Linkage.Complete, Linkage.Average, Linkage.Single })
        {
            var tree = AgglomerativeTree.Build(fixture.X, linkage);
            var prefix = linkage.ToString().ToLowerInvariant() + "-k";
            foreach (var wide in new[] { true, false })
            {
                var sums = PartitionDistanceSums.Compute(fixture.X, tree.Cut(16), 1, wide);
                foreach (var expected in fixture.Raw.Metrics.Where(m => m.Name.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    var k = int.Parse(expected.Name[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
                    var cut = tree.Cut(k);
                    // scikit-learn's labels are scored as given: they are a coarsening whenever they are our cut's partition.
                    Assert.True(SklearnPartB.SamePartition(cut, expected.Labels), $"{dataset} {expected.Name}: the cut is not scikit-learn's partition");
                    var result = sums.TryScoreCoarsening(expected.Labels);

                    Assert.NotNull(result);
                    SklearnPartB.AssertRelative(expected.Silhouette, result.Score, 1e-9, $"{dataset} {expected.Name} silhouette from the 16-cluster cut (wide: {wide})");
                    var direct = Silhouette.Compute(fixture.X, cut);
                    SklearnPartB.AssertRelative(direct.Score, sums.TryScoreCoarsening(cut)!.Score, 1e-13, $"{dataset} {expected.Name} against the direct pass");
                    if (expected.SilhouetteSamples is { } samples)
                    {
                        for (var i = 0; i < samples.Length; i++)
                        {
                            Assert.Equal(samples[i], result.Values[i], 1e-9);
                        }
                    }

                    scored++;
                }
            }
        }

        Assert.True(scored >= 8, $"{dataset}: only {scored} tree cuts scored");
    }

    [Fact]
    public void TryScoreCoarsening_TheFinePartitionItself_EqualsTheDirectSilhouette()
    {
        var fixture = SklearnPartB.Load("blobs_300x2");
        var labels = AgglomerativeTree.Build(fixture.X, Linkage.Ward).Cut(16);

        var fromSums = PartitionDistanceSums.Compute(fixture.X, labels).TryScoreCoarsening(labels)!;
        var direct = Silhouette.Compute(fixture.X, labels);

        Assert.Equal(direct.Score, fromSums.Score, 1e-14);
        Assert.Equal(direct.Indices, fromSums.Indices);
        Assert.Equal(direct.Labels, fromSums.Labels);
        for (var i = 0; i < direct.Values.Count; i++)
        {
            Assert.Equal(direct.Values[i], fromSums.Values[i], 1e-14);
        }
    }

    [Fact]
    public void TryScoreCoarsening_NotACoarseningOrWithNoise_IsNull()
    {
        var fixture = SklearnPartB.Load("blobs_300x2");
        var tree = AgglomerativeTree.Build(fixture.X, Linkage.Ward);
        var fine = tree.Cut(16);
        var sums = PartitionDistanceSums.Compute(fixture.X, fine);

        // One row moved out of its fine cluster (one with other members) splits that cluster between two coarse ones.
        var split = tree.Cut(3);
        var row = Enumerable.Range(0, fine.Length).First(r => fine.Count(f => f == fine[r]) > 1);
        split[row] = (split[row] + 1) % 3;
        Assert.Null(sums.TryScoreCoarsening(split));

        var noisy = tree.Cut(3);
        noisy[0] = -1;
        Assert.Null(sums.TryScoreCoarsening(noisy));

        // A finer partition than the sums' is no coarsening either.
        Assert.Null(sums.TryScoreCoarsening(tree.Cut(20)));
    }

    [Fact]
    public void TryScoreCoarsening_OneCluster_ThrowsAsSilhouetteDoes()
    {
        var fixture = SklearnPartB.Load("blobs_300x2");
        var sums = PartitionDistanceSums.Compute(fixture.X, AgglomerativeTree.Build(fixture.X, Linkage.Ward).Cut(16));

        Assert.Throws<ArgumentException>(() => sums.TryScoreCoarsening(new int[fixture.X.Rows]));
        Assert.Throws<ArgumentException>(() => sums.TryScoreCoarsening(new int[fixture.X.Rows - 1]));
    }

    [Fact]
    public void Compute_NoiseInTheFinePartition_Throws()
    {
        var fixture = SklearnPartB.Load("blobs_300x2");
        var labels = AgglomerativeTree.Build(fixture.X, Linkage.Ward).Cut(16);
        labels[5] = -1;

        var error = Assert.Throws<ArgumentException>(() => PartitionDistanceSums.Compute(fixture.X, labels));

        Assert.Contains("no noise", error.Message, StringComparison.Ordinal);
    }
}
