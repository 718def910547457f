namespace Segmentation.Data.Ingestion;

/// <summary>
/// Counts the bytes a <see cref="System.IO.Compression.GZipStream"/> yields so that a truncated file, which that
/// stream ends silently, is detected by comparing the count with the size recorded in the gzip trailer.
/// </summary>
internal sealed class TruncationCheckingStream : Stream
{
    private readonly Stream _inner;
    private readonly uint? _expectedSize;
    private long _count;

    public TruncationCheckingStream(Stream inner, uint? expectedSize)
    {
        _inner = inner;
        _expectedSize = expectedSize;
    }

    /// <summary>The decompressed size the gzip trailer records (mod 2^32), if it could be read.</summary>
    public uint? ExpectedSize => _expectedSize;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _count;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        _count += read;
        return read;
    }

    /// <summary>Throws when the decompressed size disagrees with the trailer (call after reading to the end).</summary>
    public void ThrowIfTruncated(string file)
    {
        if (_expectedSize is null)
        {
            throw new DataFormatException("the compressed file is truncated: it is too short to hold a gzip trailer", file);
        }

        if ((uint)_count != _expectedSize.Value)
        {
            throw new DataFormatException(
                FormattableString.Invariant($"the compressed file is truncated: {_count} bytes decompressed but the gzip trailer records {_expectedSize.Value} (multi-member gzip files are not supported)"),
                file);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
