using System.Text.Json;

namespace Segmentation.Clustering.Tests;

public sealed class MatrixTests
{
    [Fact]
    public void FromRows_RaggedRows_ThrowsNamingRow()
    {
        var ex = Assert.Throws<ArgumentException>(() => Matrix.FromRows([[1, 2], [3]]));
        Assert.Contains("Row 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Row_IsViewOverRowMajorBuffer()
    {
        var m = Matrix.FromRows([[1, 2, 3], [4, 5, 6]]);
        m.Row(1)[2] = 60;
        Assert.Equal(60, m.Data[5]);
        Assert.Equal(60, m[1, 2]);
        Assert.Equal([4.0, 5.0, 60.0], m.RowReadOnly(1).ToArray());
    }

    [Fact]
    public void Validate_NaN_ThrowsNamingParameterRowAndColumn()
    {
        var m = Matrix.FromRows([[1, 2], [3, double.NaN]]);
        var ex = Assert.Throws<ArgumentException>(() => m.Validate("features"));
        Assert.Equal("features", ex.ParamName);
        Assert.Contains("row 1, column 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Infinity_Throws()
    {
        var m = Matrix.FromRows([[double.PositiveInfinity]]);
        Assert.Throws<ArgumentException>(() => m.Validate("x"));
    }

    [Fact]
    public void Json_RoundTrip_PreservesEveryBit()
    {
        var m = Matrix.FromRows([[0.1, 1.0 / 3.0], [-2e-300, 12345.678901234567]]);
        var back = JsonSerializer.Deserialize<Matrix>(JsonSerializer.Serialize(m))!;
        Assert.Equal(2, back.Rows);
        Assert.Equal(2, back.Cols);
        Assert.Equal(m.Data, back.Data);
    }

    [Fact]
    public void Constructor_WrongBufferLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Matrix(new double[5], 2, 3));
    }
}
