using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Segmentation.Data.Ingestion;

/// <summary>
/// Interns the distinct values of a text column: each distinct value becomes one string and one code, so a
/// column of half a million repeated invoice numbers costs an <c>int</c> per row plus one string per distinct value.
/// </summary>
/// <remarks>
/// <para>
/// One thread interns; other threads may read <see cref="Value"/> of any code handed to them after it was interned (the
/// parser interns while the cleaner, on a second thread, reads the rows it was passed — <see cref="PipelinedSink"/>): the
/// values array is only ever replaced by a complete, larger copy, so a reader sees every value up to its code.
/// </para>
/// <para>
/// Values are keyed on their UTF-8 bytes in an open-addressing table (linear probing, load at most 1/2) with a hash
/// seeded per process like the string hash: the parser's fields are UTF-8, so a
/// lookup neither transcodes them to UTF-16 nor runs a generic dictionary's code (not precompiled for a span key, so
/// it ran as tier-0 JIT code for much of a one-shot ingest). Measured on the shipped file (2.17 M interned fields,
/// ReadyToRun build, perf samples), the pool went from 17 % of the ingest's CPU to about 8 %. A string that is not well-formed UTF-16 (a lone surrogate)
/// has no UTF-8 form of its own, so the few such values keep an ordinal dictionary of their own; UTF-8 input never
/// decodes to one, and invalid UTF-8 is interned as its decoded (replaced) text, as before.
/// </para>
/// </remarks>
public sealed class StringPool
{
    private const int Empty = 0;

    private string[] _values = new string[16];
    private int _count;

    private static readonly ulong Seed = ((ulong)(uint)HashCode.Combine(0) << 32) | (uint)HashCode.Combine(1);

    // Per code, where its UTF-8 bytes are in the arena: code c spans _starts[c].._starts[c + 1].
    private int[] _starts = new int[17];
    private byte[] _arena = new byte[256];

    // (hash, code + 1) per slot, 32 slots to start; Empty as the code marks a free one. _used counts the slots taken.
    private int[] _slots = new int[64];
    private int _used;
    private Dictionary<string, int>? _irregular;

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
        return Intern(value.AsSpan(), value);
    }

    /// <summary>Returns the code of the text, allocating a string only the first time a value is seen.</summary>
    public int Intern(ReadOnlySpan<char> value) => Intern(value, null);

    /// <summary>Returns the code of the UTF-8 text, allocating a string only the first time a value is seen.</summary>
    // Fully optimised from the first call: a one-shot run spends its time in these loops, and tier-0 code would
    // process much of the file before on-stack replacement catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Intern(ReadOnlySpan<byte> utf8)
    {
        // Files list an invoice's lines together, so invoice, country and customer text repeat row after row:
        // comparing with the previous value skips the hash lookup most of the time.
        if (utf8.Length == _lastLength && utf8.SequenceEqual(_last.AsSpan(0, _lastLength)))
        {
            return _lastCode;
        }

        var hash = Hash(utf8);
        var slot = Find(utf8, hash);
        var code = _slots[(2 * slot) + 1] - 1;
        if (code < 0)
        {
            // Invalid UTF-8 decodes with replacement characters; its text is interned as such, so two invalid spellings
            // of one decoded value share its code as they did when values were keyed on the decoded text.
            code = Utf8.IsValid(utf8) ? Add(utf8, hash, slot, Encoding.UTF8.GetString(utf8)) : Intern(Encoding.UTF8.GetString(utf8));
        }

        if (utf8.Length > _last.Length)
        {
            _last = new byte[Math.Max(utf8.Length, _last.Length * 2)];
        }

        utf8.CopyTo(_last);
        _lastLength = utf8.Length;
        _lastCode = code;
        return code;
    }

    private int Intern(ReadOnlySpan<char> value, string? text)
    {
        var bound = Encoding.UTF8.GetMaxByteCount(value.Length);
        var utf8 = bound <= 512 ? stackalloc byte[bound] : new byte[bound];
        if (Utf8.FromUtf16(value, utf8, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            return InternIrregular(text ?? value.ToString());
        }

        utf8 = utf8[..written];
        var hash = Hash(utf8);
        var slot = Find(utf8, hash);
        var code = _slots[(2 * slot) + 1] - 1;
        return code >= 0 ? code : Add(utf8, hash, slot, text ?? value.ToString());
    }

    private int InternIrregular(string value)
    {
        _irregular ??= new Dictionary<string, int>(StringComparer.Ordinal);
        if (!_irregular.TryGetValue(value, out var code))
        {
            code = Append(value);
            _irregular.Add(value, code);
        }

        return code;
    }

    /// <summary>
    /// A multiply-xorshift hash over 8-byte words, seeded per process (as the string hash is, so inputs cannot be
    /// chosen to collide). It mixes 8 bytes a step where <see cref="HashCode.AddBytes"/> runs a full round per 4, and
    /// the pool's values are short (5-35 bytes on the shipped file).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var h = Seed ^ ((ulong)utf8.Length * 0x9E3779B97F4A7C15UL);
        while (utf8.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8)) * 0xBF58476D1CE4E5B9UL;
            h ^= h >> 31;
            utf8 = utf8[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            tail |= (ulong)utf8[i] << (8 * i);
        }

        // SplitMix64's finaliser: every input bit reaches the low bits that pick the slot (one multiply leaves the top
        // tail bytes, such as the last digit of a 7-character invoice, out of them).
        h ^= tail;
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        return (int)(h ^ (h >> 31));
    }

    /// <summary>The slot holding <paramref name="utf8"/>, or the free slot where it belongs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Find(ReadOnlySpan<byte> utf8, int hash)
    {
        // Slots are (hash, code + 1) pairs: the hash is compared in the slot's own cache line before any bytes are.
        var slots = _slots;
        var mask = (slots.Length / 2) - 1;
        var slot = hash & mask;
        while (true)
        {
            var entry = slots[(2 * slot) + 1];
            if (entry == Empty)
            {
                return slot;
            }

            if (slots[2 * slot] == hash)
            {
                var code = entry - 1;
                var start = _starts[code];
                if (utf8.SequenceEqual(_arena.AsSpan(start, _starts[code + 1] - start)))
                {
                    return slot;
                }
            }

            slot = (slot + 1) & mask;
        }
    }

    private int Add(ReadOnlySpan<byte> utf8, int hash, int slot, string value)
    {
        var code = Append(value);
        var start = _starts[code];
        if (start + utf8.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(start + utf8.Length, _arena.Length * 2));
        }

        utf8.CopyTo(_arena.AsSpan(start));
        _starts[code + 1] += utf8.Length;
        _slots[2 * slot] = hash;
        _slots[(2 * slot) + 1] = code + 1;
        _used++;
        if (_used * 4 > _slots.Length)
        {
            Rehash();
        }

        return code;
    }

    /// <summary>Gives <paramref name="value"/> the next code; its bytes, if any, are recorded by the caller.</summary>
    private int Append(string value)
    {
        var code = _count;
        if (code == _values.Length)
        {
            var grown = new string[_values.Length * 2];
            _values.CopyTo(grown, 0);
            Volatile.Write(ref _values, grown);
        }

        if (code + 1 == _starts.Length)
        {
            Array.Resize(ref _starts, ((_starts.Length - 1) * 2) + 1);
        }

        // Empty until the caller records the bytes; an irregular value keeps none, and no table slot names its code.
        _starts[code + 1] = _starts[code];
        _values[code] = value;
        Volatile.Write(ref _count, code + 1);
        return code;
    }

    private void Rehash()
    {
        var slots = new int[_slots.Length * 2];
        var mask = (slots.Length / 2) - 1;
        for (var at = 0; at < _slots.Length; at += 2)
        {
            if (_slots[at + 1] == Empty)
            {
                continue;
            }

            var slot = _slots[at] & mask;
            while (slots[(2 * slot) + 1] != Empty)
            {
                slot = (slot + 1) & mask;
            }

            slots[2 * slot] = _slots[at];
            slots[(2 * slot) + 1] = _slots[at + 1];
        }

        _slots = slots;
    }
}
