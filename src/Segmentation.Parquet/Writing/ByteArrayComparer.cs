namespace Segmentation.Parquet.Writing;

/// <summary>Compares byte arrays by content, for dictionary keys.</summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>
{
    /// <summary>The shared instance.</summary>
    public static readonly ByteArrayComparer Instance = new();

    /// <inheritdoc />
    public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    /// <inheritdoc />
    public int GetHashCode(byte[] obj)
    {
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
