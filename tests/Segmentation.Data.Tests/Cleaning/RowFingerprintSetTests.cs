using Segmentation.Data.Cleaning;

namespace Segmentation.Data.Tests.Cleaning;

public sealed class RowFingerprintSetTests
{
    private static readonly DateTime Time = new(2011, 3, 4, 10, 30, 0);

    [Fact]
    public void Add_RowsDifferingInOneFieldEach_AreAllDistinct()
    {
        var set = new RowFingerprintSet();

        Assert.True(set.Add(1, 2, 3, 4, Time, 5, 6, 7));
        Assert.False(set.Add(1, 2, 3, 4, Time, 5, 6, 7));
        Assert.True(set.Add(9, 2, 3, 4, Time, 5, 6, 7));
        Assert.True(set.Add(1, 9, 3, 4, Time, 5, 6, 7));
        Assert.True(set.Add(1, 2, -1, 4, Time, 5, 6, 7));
        Assert.True(set.Add(1, 2, 3, -4, Time, 5, 6, 7));
        Assert.True(set.Add(1, 2, 3, 4, Time.AddTicks(1), 5, 6, 7));
        Assert.True(set.Add(1, 2, 3, 4, Time, 6, 6, 7));
        Assert.True(set.Add(1, 2, 3, 4, Time, 5, long.MinValue, 7));
        Assert.True(set.Add(1, 2, 3, 4, Time, 5, 6, 8));
        // Fields swapped between positions are another row, not the same one.
        Assert.True(set.Add(2, 1, 3, 4, Time, 5, 6, 7));
        Assert.True(set.Add(1, 2, 3, 4, Time, 6, 5, 7));
        Assert.Equal(11, set.Count);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(300)]
    [InlineData(5_000)]
    public void Add_OneInvoiceWithManyLines_PastItsWindowAndPage_FindsEveryLineAgain(int lines)
    {
        // Lines of one (customer, invoice) start in one 32-slot window of one page; more lines probe past both.
        var set = new RowFingerprintSet();
        set.Add(7, 1, 1, 1, Time, 1, 99, 1);
        for (var i = 0; i < lines; i++)
        {
            Assert.True(set.Add(42, 10_000 + i, i % 17, 1 + (i % 5), Time, 1250, 12_345, 3));
        }

        for (var i = lines - 1; i >= 0; i--)
        {
            Assert.False(set.Add(42, 10_000 + i, i % 17, 1 + (i % 5), Time, 1250, 12_345, 3));
        }

        Assert.True(set.Add(42, 10_000 + lines, 0, 1, Time, 1250, 12_345, 3));
        Assert.False(set.Add(7, 1, 1, 1, Time, 1, 99, 1));
        Assert.Equal(lines + 2, set.Count);
    }

    [Fact]
    public void Add_ManyRows_GrowsAndStillFindsEveryEarlierRow()
    {
        var set = new RowFingerprintSet();
        const int rows = 200_000;
        for (var i = 0; i < rows; i++)
        {
            Assert.True(set.Add(i / 7, i % 4000, i % 13, (i % 50) - 3, Time.AddMinutes(i / 11), 1000 + (i % 997), 12000 + (i % 4321), i % 5));
        }

        for (var i = rows - 1; i >= 0; i--)
        {
            Assert.False(set.Add(i / 7, i % 4000, i % 13, (i % 50) - 3, Time.AddMinutes(i / 11), 1000 + (i % 997), 12000 + (i % 4321), i % 5));
        }

        Assert.Equal(rows, set.Count);
        // Load stays between 3/8 and 3/4: 21–43 bytes a distinct row.
        Assert.InRange(set.Capacity, rows * 4L / 3, rows * 8L / 3);
    }

    [Fact]
    public void Reserve_SizesOnceAndKeepsTheRowsAlreadyAdded()
    {
        var set = new RowFingerprintSet();
        Assert.True(set.Add(1, 2, 3, 4, Time, 5, 6, 7));

        set.Reserve(300_000);
        var capacity = set.Capacity;
        for (var i = 0; i < 300_000; i++)
        {
            set.Add(i, 0, 0, 1, Time, 1, 1, 0);
        }

        Assert.Equal(524_288, capacity);
        Assert.Equal(capacity, set.Capacity);
        Assert.False(set.Add(1, 2, 3, 4, Time, 5, 6, 7));
        set.Reserve(10);
        Assert.Equal(capacity, set.Capacity);
    }

    [Fact]
    public void Add_OneInvoiceWithMoreLinesThanAPageHolds_SpillsIntoTheNextPagesAndFindsThemAll()
    {
        var set = new RowFingerprintSet();
        set.Reserve(20_000);
        for (var line = 0; line < 5_000; line++)
        {
            Assert.True(set.Add(77, line, 0, 1, Time, 100, 12345, 0));
            Assert.True(set.Add(line, 0, 0, 1, Time, 100, 12345, 0) || line == 77);
        }

        for (var line = 0; line < 5_000; line++)
        {
            Assert.False(set.Add(77, line, 0, 1, Time, 100, 12345, 0));
        }

        Assert.Equal(9_999, set.Count);
    }
}
