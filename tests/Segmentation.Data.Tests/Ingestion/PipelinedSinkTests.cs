using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Tests.Ingestion;

public sealed class PipelinedSinkTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4_095)]
    [InlineData(4_096)]
    [InlineData(4_097)]
    [InlineData(16_383)]
    [InlineData(16_384)]
    [InlineData(100_001)]
    public void Complete_AnyRowCount_InnerSeesEveryRowInOrderWithTheReserveBeforeTheRowsAfterIt(int rows)
    {
        var inner = new RecordingSink();
        using (var pipelined = new PipelinedSink(inner))
        {
            for (var r = 0; r < rows; r++)
            {
                if (r == 20_000)
                {
                    pipelined.EnsureCapacity(123_456);
                }

                var code = pipelined.Invoices.Intern("I" + (r / 7).ToString(System.Globalization.CultureInfo.InvariantCulture));
                pipelined.Add(code, r % 13, r % 5, r, new DateTime(2011, 1, 1).AddMinutes(r), r * 10L, 1000 + (r % 97), r % 3);
            }

            pipelined.Complete();
        }

        Assert.Equal(rows, inner.Rows.Count);
        for (var r = 0; r < rows; r++)
        {
            Assert.Equal((r, r * 10L, 1000L + (r % 97)), (inner.Rows[r].Quantity, inner.Rows[r].Price, inner.Rows[r].Customer));
            // The consumer thread read the invoice text of each code it was handed while the parser went on interning.
            Assert.Equal("I" + (r / 7).ToString(System.Globalization.CultureInfo.InvariantCulture), inner.Rows[r].InvoiceText);
        }

        Assert.Equal(rows > 20_000 ? [123_456] : [], inner.Reserves);
        Assert.True(rows <= 20_000 || inner.ReservedAtRow <= 20_000, "the reserve reaches the inner sink before the rows that followed it");
    }

    [Fact]
    public void Complete_InnerThrows_ThrowsItsExceptionAsIs()
    {
        var inner = new RecordingSink { FailAtRow = 40_000 };
        using var pipelined = new PipelinedSink(inner);

        var error = Assert.Throws<DataFormatException>(() =>
        {
            for (var r = 0; r < 100_000; r++)
            {
                pipelined.Add(0, 0, 0, r, default, 0, 1, 0);
            }

            pipelined.Complete();
        });

        Assert.Contains("row 40000", error.Message, StringComparison.Ordinal);
        Assert.True(inner.Rows.Count <= 40_000);
    }

    [Fact]
    public void Dispose_ParserFailedMidway_StopsTheConsumerAndDropsTheRest()
    {
        var inner = new RecordingSink();
        var pipelined = new PipelinedSink(inner);
        for (var r = 0; r < 50_000; r++)
        {
            pipelined.Add(0, 0, 0, r, default, 0, 1, 0);
        }

        // No Complete: the parser threw. Dispose must return (not wait for rows that never come) and leave the inner sink alone after.
        pipelined.Dispose();
        var seen = inner.Rows.Count;
        Thread.Sleep(50);

        Assert.Equal(seen, inner.Rows.Count);
        Assert.True(seen < 50_000);
    }

    private sealed class RecordingSink : ITransactionSink
    {
        public List<(int Quantity, long Price, long Customer, string InvoiceText)> Rows { get; } = [];

        public List<int> Reserves { get; } = [];

        public int ReservedAtRow { get; private set; } = -1;

        public int? FailAtRow { get; init; }

        public StringPool Invoices { get; } = new();

        public StringPool StockCodes { get; } = new();

        public StringPool Descriptions { get; } = new();

        public StringPool Countries { get; } = new();

        public void Add(int invoice, int stockCode, int description, int quantity, DateTime timestamp, long unitPriceMilli, long customerId, int country)
        {
            if (Rows.Count == FailAtRow)
            {
                throw new DataFormatException($"row {Rows.Count} refused", "test.csv");
            }

            Rows.Add((quantity, unitPriceMilli, customerId, Invoices.Value(invoice)));
        }

        public void EnsureCapacity(int rows)
        {
            Reserves.Add(rows);
            ReservedAtRow = Rows.Count;
        }
    }
}
