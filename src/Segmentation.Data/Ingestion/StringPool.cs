using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Segmentation.Data.Ingestion;

/// <summary>
/// Interns the distinct values of a text column: each distinct value becomes one string and one code, so a
/// column of half a million repeated invoice numbers costs an <c>int</c> per row plus one string per distinct value.
/// </summary>
/// <remarks>
/// One thread interns; other threads may read <see cref="Value"/> of any code handed to them after it was interned (the
/// parser interns while the cleaner, on a second thread, reads the rows it was passed — <see cref="PipelinedSink"/>): the
/// values array is only ever replaced by a complete, larger copy, so a reader sees every value up to its code.
/// </remarks>
public sealed class StringPool
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private string[] _values = new string[16];
    private int _count;
    private byte[] _last = new byte[64];
    private int _lastLength = -1;
    private int _lastCode;

    /// <summary>The distinct values, indexed by code (those interned so far).</summary>
    public IReadOnlyList<string> Values => new ArraySegment<string>(Volatile.Read(ref _values), 0, Volatile.Read(ref _count));

    /// <summary>The value of <paramref name="code"/>; safe on another thread than the interning one for a code it was given.</summary>
    public string Value(int code) => Volatile.Read(ref _values)[code];

    /// <summary>Returns the code of <paramref name="value"/>, adding it when new.</summary>
    public int Intern(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!_codes.TryGetValue(value, out var code))
        {
            code = _count;
            if (code == _values.Length)
            {
                var grown = new string[_values.Length * 2];
                _values.CopyTo(grown, 0);
                Volatile.Write(ref _values, grown);
            }

            _values[code] = value;
            _codes.Add(value, code);
            Volatile.Write(ref _count, code + 1);
        }

        return code;
    }

    /// <summary>Returns the code of the UTF-8 text, allocating a string only the first time a value is seen.</summary>
    // Fully optimised from the first call: a one-shot run spends its time in these loops, and tier-0 code would
    // process much of the file before on-stack replacement catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Intern(ReadOnlySpan<byte> utf8)
    {
        // Files list an invoice's lines together, so invoice, country and customer text repeat row after row:
        // comparing with the previous value skips the decode and the hash lookup most of the time.
        if (utf8.Length == _lastLength && utf8.SequenceEqual(_last.AsSpan(0, _lastLength)))
        {
            return _lastCode;
        }

        var code = Lookup(utf8);
        if (utf8.Length > _last.Length)
        {
            _last = new byte[Math.Max(utf8.Length, _last.Length * 2)];
        }

        utf8.CopyTo(_last);
        _lastLength = utf8.Length;
        _lastCode = code;
        return code;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Lookup(ReadOnlySpan<byte> utf8)
    {
        char[]? rented = null;
        var chars = utf8.Length <= 256 ? stackalloc char[utf8.Length] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
        try
        {
            var count = Encoding.UTF8.GetChars(utf8, chars);
            return Intern((ReadOnlySpan<char>)chars[..count]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Returns the code of the text, allocating a string only the first time a value is seen.</summary>
    public int Intern(ReadOnlySpan<char> value)
    {
        var lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(value, out var code))
        {
            return code;
        }

        return Intern(value.ToString());
    }
}
