using System.Buffers.Binary;
using System.Text;

namespace Segmentation.Parquet.Thrift;

/// <summary>Reads Thrift compact-protocol values from a bounded buffer; every length is checked against the remaining bytes.</summary>
internal sealed class CompactReader
{
    // Deeply nested garbage could otherwise recurse until the stack overflows.
    private const int MaxDepth = 64;

    private readonly byte[] _buffer;
    private readonly int _end;
    private readonly long _fileOffset;
    private readonly string _what;
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;
    private bool? _pendingBool;
    private int _skipDepth;

    /// <summary>Creates a reader over buffer[start..end); fileOffset is where buffer[start] sits in the file, for messages.</summary>
    public CompactReader(byte[] buffer, int start, int end, long fileOffset, string what)
    {
        _buffer = buffer;
        Position = start;
        _end = end;
        _fileOffset = fileOffset - start;
        _what = what;
    }

    /// <summary>The index of the next unread byte in the buffer.</summary>
    public int Position { get; private set; }

    /// <summary>Raises a ParquetException that names the structure and the file offset of the current position.</summary>
    public ParquetException Error(string message) =>
        new($"corrupt {_what} at byte offset {_fileOffset + Position}: {message}");

    /// <summary>Enters a struct: field ids restart from zero.</summary>
    public void BeginStruct()
    {
        if (_lastFieldIds.Count >= MaxDepth)
        {
            throw Error("structures nested too deeply");
        }

        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    /// <summary>Leaves a struct, restoring the enclosing field id.</summary>
    public void EndStruct() => _lastFieldId = _lastFieldIds.Pop();

    /// <summary>Reads the next field header; returns false at the struct's stop byte.</summary>
    public bool ReadFieldHeader(out short fieldId, out CompactType type)
    {
        var header = ReadByte();
        if (header == 0)
        {
            fieldId = 0;
            type = CompactType.Stop;
            return false;
        }

        type = (CompactType)(header & 0x0F);
        if (type > CompactType.Struct)
        {
            throw Error($"unknown field type {(int)type}");
        }

        var delta = header >> 4;
        fieldId = delta == 0 ? ReadI16() : (short)(_lastFieldId + delta);
        _lastFieldId = fieldId;
        if (type is CompactType.BooleanTrue or CompactType.BooleanFalse)
        {
            _pendingBool = type == CompactType.BooleanTrue;
        }

        return true;
    }

    /// <summary>Reads a boolean, either from the field header just read or as a list element byte.</summary>
    public bool ReadBool()
    {
        if (_pendingBool is { } value)
        {
            _pendingBool = null;
            return value;
        }

        return ReadByte() == 1;
    }

    /// <summary>Reads one byte.</summary>
    public byte ReadByte()
    {
        if (Position >= _end)
        {
            throw Error("unexpected end of data");
        }

        return _buffer[Position++];
    }

    /// <summary>Reads a zigzag varint i16.</summary>
    public short ReadI16()
    {
        var value = ReadI64();
        if (value is < short.MinValue or > short.MaxValue)
        {
            throw Error($"i16 value {value} out of range");
        }

        return (short)value;
    }

    /// <summary>Reads a zigzag varint i32.</summary>
    public int ReadI32()
    {
        var value = ReadI64();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw Error($"i32 value {value} out of range");
        }

        return (int)value;
    }

    /// <summary>Reads a zigzag varint i64.</summary>
    public long ReadI64()
    {
        var raw = ReadVarint();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>Reads an unsigned LEB128 varint of at most 10 bytes.</summary>
    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw Error("varint longer than 10 bytes");
    }

    /// <summary>Reads a little-endian IEEE double.</summary>
    public double ReadDouble()
    {
        if (_end - Position < 8)
        {
            throw Error("unexpected end of data in double");
        }

        var value = BinaryPrimitives.ReadDoubleLittleEndian(_buffer.AsSpan(Position, 8));
        Position += 8;
        return value;
    }

    /// <summary>Reads a length-prefixed binary value.</summary>
    public byte[] ReadBinary()
    {
        var length = ReadVarint();
        if (length > (ulong)(_end - Position))
        {
            throw Error($"binary length {length} exceeds the {_end - Position} remaining bytes");
        }

        var result = _buffer.AsSpan(Position, (int)length).ToArray();
        Position += (int)length;
        return result;
    }

    /// <summary>Reads a length-prefixed UTF-8 string.</summary>
    public string ReadString()
    {
        var bytes = ReadBinary();
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads a list header and returns its element count, checked against the remaining bytes.</summary>
    public int ReadListHeader(out CompactType elementType)
    {
        var header = ReadByte();
        elementType = (CompactType)(header & 0x0F);
        if (elementType > CompactType.Struct)
        {
            throw Error($"unknown list element type {(int)elementType}");
        }

        ulong size = (ulong)(header >> 4);
        if (size == 15)
        {
            size = ReadVarint();
        }

        // Every element takes at least one byte, so a count above the remaining bytes is a lie.
        if (size > (ulong)(_end - Position))
        {
            throw Error($"list of {size} elements exceeds the {_end - Position} remaining bytes");
        }

        return (int)size;
    }

    /// <summary>Skips a value of the given type, for fields this reader does not use.</summary>
    public void Skip(CompactType type)
    {
        if (++_skipDepth > MaxDepth)
        {
            throw Error("values nested too deeply");
        }

        try
        {
            SkipValue(type);
        }
        finally
        {
            _skipDepth--;
        }
    }

    private void SkipValue(CompactType type)
    {
        switch (type)
        {
            case CompactType.BooleanTrue:
            case CompactType.BooleanFalse:
                if (_pendingBool is not null)
                {
                    _pendingBool = null;
                }
                else
                {
                    ReadByte();
                }

                break;
            case CompactType.Byte:
                ReadByte();
                break;
            case CompactType.I16:
            case CompactType.I32:
            case CompactType.I64:
                ReadVarint();
                break;
            case CompactType.Double:
                ReadDouble();
                break;
            case CompactType.Binary:
                SkipBinary();
                break;
            case CompactType.List:
            case CompactType.Set:
                {
                    var count = ReadListHeader(out var elementType);
                    for (var i = 0; i < count; i++)
                    {
                        Skip(elementType);
                    }

                    break;
                }

            case CompactType.Map:
                {
                    var count = ReadVarint();
                    if (count == 0)
                    {
                        break;
                    }

                    if (count > (ulong)(_end - Position))
                    {
                        throw Error($"map of {count} entries exceeds the remaining bytes");
                    }

                    var kinds = ReadByte();
                    for (ulong i = 0; i < count; i++)
                    {
                        Skip((CompactType)(kinds >> 4));
                        Skip((CompactType)(kinds & 0x0F));
                    }

                    break;
                }

            case CompactType.Struct:
                BeginStruct();
                while (ReadFieldHeader(out _, out var fieldType))
                {
                    Skip(fieldType);
                }

                EndStruct();
                break;
            default:
                throw Error($"cannot skip a value of type {(int)type}");
        }
    }

    private void SkipBinary()
    {
        var length = ReadVarint();
        if (length > (ulong)(_end - Position))
        {
            throw Error($"binary length {length} exceeds the {_end - Position} remaining bytes");
        }

        Position += (int)length;
    }
}
