using System.Numerics;
using System.Runtime.CompilerServices;

namespace Segmentation.Data.Cleaning;

/// <summary>
/// The rows seen so far, as 128-bit fingerprints of their eight fields in an open-addressing table (linear probing,
/// load between 3/8 and 3/4): 16 bytes a slot, 21–43 bytes a distinct row, and no row kept. Two different rows share a
/// fingerprint with probability about n²/2¹²⁸ — 10⁻²² for 186 M rows; two lines of one invoice need the same 96 bits — so the duplicate rule stays exact in practice
/// while memory no longer holds the rows themselves.
/// </summary>
internal sealed class RowFingerprintSet
{
    private const ulong P1 = 0x9E3779B185EBCA87UL;
    private const ulong P2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong P3 = 0x165667B19E3779F9UL;
    private const ulong P4 = 0xD6E8FEB86659FD93UL;

    // Slots per page: 256 × 16 bytes = 4 KB.
    private const int PageBits = 8;

    // An invoice's lines start within a window of 32 slots (512 bytes, 8 cache lines) of its page.
    private const int WindowSlots = 32;

    // Pairs (low, high); high is never 0 in a used slot, so (0, 0) marks an empty one.
    private ulong[] _slots = new ulong[2 * 1024];
    private int _mask = 1023;

    /// <summary>Distinct rows added.</summary>
    public long Count { get; private set; }

    /// <summary>Slots allocated (16 bytes each).</summary>
    public long Capacity => _slots.LongLength / 2;

    /// <summary>Adds the row's fingerprint; false when an equal row was added before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Add(int invoice, int stockCode, int description, int quantity, DateTime timestamp, long unitPriceMilli, long customerId, int country)
    {
        var a = (uint)invoice | ((ulong)(uint)stockCode << 32);
        var b = (uint)description | ((ulong)(uint)quantity << 32);
        var c = (ulong)timestamp.Ticks;
        var d = (ulong)unitPriceMilli;
        var e = (ulong)customerId;
        var f = (ulong)(uint)country;
        var low = Finish(Round(Round(Round(Round(Round(Round(P4, a, P1, P2), b, P1, P2), c, P1, P2), d, P1, P2), e, P1, P2), f, P1, P2));
        var high = Finish(Round(Round(Round(Round(Round(Round(P2, f, P3, P4), e, P3, P4), d, P3, P4), c, P3, P4), b, P3, P4), a, P3, P4));
        // The top 32 bits name the (customer, invoice): an invoice's lines come together and land in one 4 KB page of the
        // table (256 slots), so a line costs no page-table walk, and within 32 slots of that page (see Insert), so the
        // lines that follow one another share cache lines. 96 bits stay for the line itself.
        var invoicePage = Finish(Round(Round(P1, e, P3, P4), (uint)invoice, P3, P4));
        high = (invoicePage & 0xFFFFFFFF00000000UL) | (high & 0xFFFFFFFFUL) | 1;
        if (Count >= (_mask + 1L) * 3 / 4)
        {
            Grow();
        }

        if (!Insert(_slots, _mask, low, high))
        {
            return false;
        }

        Count++;
        return true;
    }

    /// <summary>
    /// Sizes the table once for about <paramref name="rows"/> distinct rows: every doubling on the way leaves its old
    /// table behind in the large-object heap, about as much memory again as the final one.
    /// </summary>
    public void Reserve(long rows)
    {
        var wanted = (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1024, (rows * 4 / 3) + 1));
        if (wanted > _mask + 1L && wanted * 2 <= Array.MaxLength)
        {
            Resize(wanted);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Round(ulong hash, ulong word, ulong m1, ulong m2) => BitOperations.RotateLeft(hash ^ (word * m1), 31) * m2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        return h ^ (h >> 33);
    }

    private static bool Insert(ulong[] slots, int mask, ulong low, ulong high)
    {
        // The page from the top bits of the (customer, invoice) part, the window's start in it from the next byte of that
        // part, the slot in the window from the line's own bits. A slot at random in the page cost a cache miss per line;
        // measured on the shipped file (ReadyToRun build, perf samples), the window takes the set, its page faults
        // included, from about 11.5 % of the ingest's CPU to 8-10 %. Lines of one invoice probe past each other only once
        // the window's 32 slots are taken.
        var pageBits = BitOperations.Log2((uint)mask + 1) - PageBits;
        var window = (int)(high >> 32) + (int)(low & (WindowSlots - 1));
        var slot = (int)((high >> (64 - pageBits)) << PageBits) | (window & ((1 << PageBits) - 1));
        while (true)
        {
            var at = 2 * slot;
            if (slots[at + 1] == 0)
            {
                slots[at] = low;
                slots[at + 1] = high;
                return true;
            }

            if (slots[at] == low && slots[at + 1] == high)
            {
                return false;
            }

            slot = (slot + 1) & mask;
        }
    }

    private void Grow()
    {
        var size = (_mask + 1L) * 2;
        if (size * 2 > Array.MaxLength)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"more than {Count:N0} distinct rows: the duplicate rule's table is full"));
        }

        Resize(size);
    }

    private void Resize(long size)
    {
        // Zeroed by writes before the first probe: a new table this size comes as untouched pages, and a probe reads its
        // slot before writing it, so each page faulted twice — onto the shared zero page, then a copy-on-write whose TLB
        // flush interrupts the parser's core. The writes fault each page once (a 16 MB table with a second thread busy:
        // 110 -> 54 ms for 600,000 random inserts; on the shipped file ~45 ms of the cleaner thread's kernel time).
        var slots = GC.AllocateUninitializedArray<ulong>((int)(size * 2));
        Array.Clear(slots);
        var mask = (int)(size - 1);
        for (var at = 0; at < _slots.Length; at += 2)
        {
            if (_slots[at + 1] != 0)
            {
                Insert(slots, mask, _slots[at], _slots[at + 1]);
            }
        }

        _slots = slots;
        _mask = mask;
    }
}
