using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Segmentation.Data.Ingestion;

/// <summary>
/// Reads its inner stream on a background thread into a few blocks ahead of the reader, so that decompressing a
/// csv.gz runs beside the parsing instead of before each refill. With <see cref="PipelinedSink"/> the ingest then has
/// three stages — inflate, parse, clean and fold — of which parsing was the longest: measured on the shipped file
/// (ReadyToRun build, perf samples), the inflate is 45-50 ms of CPU, about a sixth of what the parser thread did,
/// and now runs while the parser parses.
/// </summary>
/// <remarks>
/// The bytes and their order are the inner stream's. An exception of the inner stream is thrown, as it was thrown, by
/// the <see cref="Read(Span{byte})"/> that reaches the point where it happened, after every byte read before it.
/// Disposing stops the thread before the inner stream is disposed.
/// </remarks>
internal sealed class ReadAheadStream : Stream
{
    /// <summary>Bytes per block: a handful of hand-overs per parser buffer, small enough that the parser starts at once.</summary>
    private const int BlockSize = 128 * 1024;

    /// <summary>Blocks in flight: the inflater runs at most this far ahead.</summary>
    private const int Blocks = 6;

    private readonly Stream _inner;
    // Unbounded: at most the blocks plus an end or failure marker are ever in it, and the inflater must never wait on it.
    private readonly BlockingCollection<Block> _full = [];
    private readonly BlockingCollection<Block> _free = new(Blocks);
    private readonly Thread _reader;
    private Block? _current;
    private int _offset;
    private bool _ended;
    private ExceptionDispatchInfo? _failure;
    private volatile bool _abandoned;
    private bool _disposed;

    /// <summary>Starts reading <paramref name="inner"/> on a background thread.</summary>
    public ReadAheadStream(Stream inner)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        for (var i = 0; i < Blocks; i++)
        {
            _free.Add(new Block(BlockSize));
        }

        _reader = new Thread(Produce) { IsBackground = true, Name = "ingest inflater" };
        _reader.Start();
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _failure?.Throw();
        var written = 0;
        while (written < buffer.Length && !_ended)
        {
            if (_current is null || _offset == _current.Length)
            {
                if (_current is not null)
                {
                    _free.Add(_current);
                    _current = null;
                }

                // Wait only while nothing is copied yet: a short read is a valid answer and lets the parser go on.
                Block? next;
                if (written == 0)
                {
                    next = _full.Take();
                }
                else if (!_full.TryTake(out next))
                {
                    break;
                }

                if (next.Failure is not null)
                {
                    // The bytes before the failure go out first; the read that finds nothing else throws.
                    _failure = next.Failure;
                    break;
                }

                if (next.Length == 0)
                {
                    _ended = true;
                    break;
                }

                (_current, _offset) = (next, 0);
            }

            var count = Math.Min(buffer.Length - written, _current.Length - _offset);
            _current.Data.AsSpan(_offset, count).CopyTo(buffer[written..]);
            _offset += count;
            written += count;
        }

        if (written == 0)
        {
            _failure?.Throw();
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _abandoned = true;
            _free.CompleteAdding();
            _reader.Join();
            _full.Dispose();
            _free.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Produce()
    {
        while (!_abandoned && _free.TryTake(out var block, Timeout.Infinite))
        {
            block.Length = 0;
            try
            {
                while (block.Length < block.Data.Length)
                {
                    var read = _inner.Read(block.Data.AsSpan(block.Length));
                    if (read == 0)
                    {
                        break;
                    }

                    block.Length += read;
                }
            }
            catch (Exception ex)
            {
                // The bytes read before the failure are handed over first, then the failure.
                if (block.Length > 0)
                {
                    _full.Add(block);
                    block = new Block(0);
                }

                block.Failure = ExceptionDispatchInfo.Capture(ex);
                _full.Add(block);
                return;
            }

            var end = block.Length < block.Data.Length;
            _full.Add(block);
            if (end)
            {
                if (block.Length > 0)
                {
                    // A block with no bytes marks the end.
                    _full.Add(new Block(0));
                }

                return;
            }
        }
    }

    private sealed class Block(int size)
    {
        public readonly byte[] Data = new byte[size];
        public int Length;
        public ExceptionDispatchInfo? Failure;
    }
}
