using Segmentation.Clustering.Metrics;

namespace Segmentation.Clustering.Tests.Metrics;

public sealed class PairwiseDistancesTests
{
    [Fact]
    public void Compute_SmallMatrix_CondensedUpperTriangle()
    {
        var x = Matrix.FromRows([[0.0, 0.0], [3.0, 4.0], [6.0, 8.0], [0.0, 1.0]]);
        var distances = PairwiseDistances.Compute(x);
        Assert.Equal([5.0, 10.0, 1.0, 5.0, Math.Sqrt(18.0), Math.Sqrt(85.0)], distances.Condensed.ToArray());
        Assert.Equal(5.0, distances[2, 1]);
        Assert.Equal(0.0, distances[3, 3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => distances[4, 0]);
    }

    [Fact]
    public void Compute_RandomInputs_SameForAnyParallelism()
    {
        var random = new Random(5);
        var x = new Matrix(500, 6);
        for (var i = 0; i < x.Data.Length; i++)
        {
            x.Data[i] = random.NextDouble();
        }

        var serial = PairwiseDistances.Compute(x, 1);
        var parallel = PairwiseDistances.Compute(x, 4);
        Assert.True(serial.Condensed.SequenceEqual(parallel.Condensed));
        Assert.Equal(System.Numerics.Tensors.TensorPrimitives.Distance(x.RowReadOnly(17), x.RowReadOnly(401)), serial[401, 17], 14);
    }

    [Fact]
    public void Compute_OneRow_ThrowsNamingX()
    {
        var error = Assert.Throws<ArgumentException>(() => PairwiseDistances.Compute(Matrix.FromRows([[1.0]])));
        Assert.Equal("x", error.ParamName);
    }
}
