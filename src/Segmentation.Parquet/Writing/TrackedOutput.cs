namespace Segmentation.Parquet.Writing;

/// <summary>Writes to the caller's stream and counts bytes, so offsets are known even on non-seekable streams.</summary>
internal sealed class TrackedOutput(Stream stream)
{
    /// <summary>Bytes written since the file began.</summary>
    public long Position { get; private set; }

    /// <summary>Appends bytes to the file.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        Position += bytes.Length;
    }

    /// <summary>Flushes the underlying stream.</summary>
    public void Flush() => stream.Flush();
}
