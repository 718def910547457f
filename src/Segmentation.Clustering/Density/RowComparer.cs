namespace Segmentation.Clustering.Density;

/// <summary>Compares rows of doubles by value (0.0 equals −0.0), so a point can be looked up by its exact coordinates.</summary>
internal sealed class RowComparer : IEqualityComparer<double[]>
{
    public static readonly RowComparer Instance = new();

    private RowComparer()
    {
    }

    public bool Equals(double[]? x, double[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(double[] obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = default(HashCode);
        foreach (var value in obj)
        {
            // −0.0 == 0.0 but their bits differ: hash both as 0.0 so equal rows hash alike.
            hash.Add(value == 0 ? 0.0 : value);
        }

        return hash.ToHashCode();
    }
}
