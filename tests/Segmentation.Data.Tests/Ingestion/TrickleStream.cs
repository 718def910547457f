namespace Segmentation.Data.Tests.Ingestion;

/// <summary>
/// A stream that cannot seek (so a reader takes it as plain CSV) and returns at most <c>maxRead</c> bytes a call, as
/// GZipStream does; it can fail part way, as a corrupt file does.
/// </summary>
internal sealed class TrickleStream(byte[] data, int maxRead, int failAfter = int.MaxValue) : Stream
{
    private int _position;

    public bool Disposed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position == failAfter)
        {
            throw new InvalidDataException("corrupt at " + _position.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var count = Math.Min(Math.Min(buffer.Length, maxRead), Math.Min(data.Length, failAfter) - _position);
        data.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
