using System.Buffers.Binary;
using System.Text;
using Segmentation.Parquet.Encodings;

namespace Segmentation.Parquet.Thrift;

/// <summary>Writes Thrift compact-protocol values into a growable buffer.</summary>
internal sealed class CompactWriter
{
    private readonly Stack<short> _lastFieldIds = new();
    private readonly ByteBuffer _bytes = new(256);
    private short _lastFieldId;

    /// <summary>Number of bytes written so far.</summary>
    public int Length => _bytes.Length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _bytes.WrittenSpan;

    /// <summary>Enters a struct: field ids restart from zero.</summary>
    public void BeginStruct()
    {
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    /// <summary>Writes the stop byte and leaves the struct.</summary>
    public void EndStruct()
    {
        WriteByte(0);
        _lastFieldId = _lastFieldIds.Pop();
    }

    /// <summary>Writes a field header.</summary>
    public void WriteFieldHeader(short fieldId, CompactType type)
    {
        var delta = fieldId - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | (int)type));
        }
        else
        {
            WriteByte((byte)type);
            WriteI64Raw(fieldId);
        }

        _lastFieldId = fieldId;
    }

    /// <summary>Writes an i32 field.</summary>
    public void WriteI32Field(short fieldId, int value)
    {
        WriteFieldHeader(fieldId, CompactType.I32);
        WriteI64Raw(value);
    }

    /// <summary>Writes an i64 field.</summary>
    public void WriteI64Field(short fieldId, long value)
    {
        WriteFieldHeader(fieldId, CompactType.I64);
        WriteI64Raw(value);
    }

    /// <summary>Writes a boolean field, folded into the field header as the protocol requires.</summary>
    public void WriteBoolField(short fieldId, bool value) =>
        WriteFieldHeader(fieldId, value ? CompactType.BooleanTrue : CompactType.BooleanFalse);

    /// <summary>Writes a binary field.</summary>
    public void WriteBinaryField(short fieldId, ReadOnlySpan<byte> value)
    {
        WriteFieldHeader(fieldId, CompactType.Binary);
        WriteBinary(value);
    }

    /// <summary>Writes a string field as UTF-8.</summary>
    public void WriteStringField(short fieldId, string value) => WriteBinaryField(fieldId, Encoding.UTF8.GetBytes(value));

    /// <summary>Writes a struct field header and enters the struct.</summary>
    public void BeginStructField(short fieldId)
    {
        WriteFieldHeader(fieldId, CompactType.Struct);
        BeginStruct();
    }

    /// <summary>Writes a list header.</summary>
    public void WriteListHeader(CompactType elementType, int count)
    {
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | (int)elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | (int)elementType));
            WriteVarint((ulong)count);
        }
    }

    /// <summary>Writes a list field header.</summary>
    public void WriteListField(short fieldId, CompactType elementType, int count)
    {
        WriteFieldHeader(fieldId, CompactType.List);
        WriteListHeader(elementType, count);
    }

    /// <summary>Writes a zigzag varint (i16, i32 and i64 share the encoding).</summary>
    public void WriteI64Raw(long value) => WriteVarint((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes a length-prefixed binary value.</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVarint((ulong)value.Length);
        _bytes.Write(value);
    }

    /// <summary>Writes a length-prefixed UTF-8 string.</summary>
    public void WriteString(string value) => WriteBinary(Encoding.UTF8.GetBytes(value));

    /// <summary>Writes a little-endian double.</summary>
    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(_bytes.Allocate(8), value);

    /// <summary>Writes one raw byte.</summary>
    public void WriteByte(byte value) => _bytes.WriteByte(value);

    /// <summary>Writes an unsigned LEB128 varint.</summary>
    public void WriteVarint(ulong value) => _bytes.WriteVarint(value);
}
