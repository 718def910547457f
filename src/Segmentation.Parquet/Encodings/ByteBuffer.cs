using System.Buffers.Binary;

namespace Segmentation.Parquet.Encodings;

/// <summary>A growable byte buffer for building pages.</summary>
internal sealed class ByteBuffer
{
    private byte[] _buffer;

    /// <summary>Creates a buffer with the given starting capacity.</summary>
    public ByteBuffer(int capacity = 1024) => _buffer = new byte[Math.Max(16, capacity)];

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes written so far.</summary>
    public Span<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    /// <summary>Forgets the content, keeping the capacity.</summary>
    public void Clear() => Length = 0;

    /// <summary>Reserves count bytes at the end and returns them for the caller to fill.</summary>
    public Span<byte> Allocate(int count)
    {
        Ensure(count);
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }

    /// <summary>Appends one byte.</summary>
    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[Length++] = value;
    }

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Allocate(bytes.Length));

    /// <summary>Appends a little-endian int32.</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Allocate(4), value);

    /// <summary>Appends an unsigned LEB128 varint.</summary>
    public void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    private void Ensure(int extra)
    {
        if (Length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + extra));
        }
    }
}
