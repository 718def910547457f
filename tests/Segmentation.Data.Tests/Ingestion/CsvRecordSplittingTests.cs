using System.Globalization;
using System.Text;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Tests.Ingestion;

/// <summary>
/// The reader's record splitting (a block-wise pass for records without quotes, the general loop for the rest) against
/// rows generated with every line ending, quoting, field lengths that cross 32-byte blocks, and records cut by refills.
/// </summary>
public sealed class CsvRecordSplittingTests
{
    private static readonly string[] Endings = ["\n", "\r\n", "\r"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ReadCsv_SeededMixOfRecords_EveryRowAsWritten(int seed)
    {
        var random = new Random(seed);
        var rows = new List<TransactionRow>();
        var text = new StringBuilder(CsvText.Header);
        text.Append(Endings[random.Next(Endings.Length)]);
        var line = 2L;
        for (var i = 0; i < 40_000; i++)
        {
            var row = RandomRow(random, i);
            rows.Add(row);
            text.Append(Csv(random, row.Invoice)).Append(',').Append(Csv(random, row.StockCode)).Append(',')
                .Append(Csv(random, row.Description ?? "")).Append(',').Append(row.Quantity.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                .Append(row.UnitPrice.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.CustomerId?.ToString(CultureInfo.InvariantCulture) ?? "").Append(',').Append(Csv(random, row.Country));
            line += 1 + (row.Description ?? "").Count(c => c == '\n');
            // The last record sometimes has no line end.
            if (i < 39_999 || random.Next(2) == 0)
            {
                text.Append(Endings[random.Next(Endings.Length)]);
            }
        }

        var read = CsvText.Read(text.ToString());

        Assert.Equal(rows.Count, read.Table.RowCount);
        for (var r = 0; r < rows.Count; r++)
        {
            Assert.Equal(rows[r], read.Table.Row(r));
        }

        // Line numbers count the line ends inside quoted fields: a bad row after all of them is named by its own line.
        var ended = text[^1] is '\n' or '\r';
        var bad = CsvText.Fails(text.Append(ended ? "" : "\n").Append("X1,10001,bad,lots,2011-01-01T10:00:00,1,12345,UK\n").ToString());
        Assert.Equal(line, bad.Line);
    }

    [Theory]
    [InlineData("A1,10001,x,1,2011-01-01T10:00:00,1,12345,UK\r")]
    [InlineData("A1,10001,x,1,2011-01-01T10:00:00,1,12345,UK")]
    [InlineData("A1,10001,x,1,2011-01-01T10:00:00,1,12345,\"UK\"")]
    public void ReadCsv_LastRecordEndsWithoutLineFeed_IsRead(string last)
    {
        var read = CsvText.Read(CsvText.Header + "\n" + last);

        Assert.Equal(new TransactionRow("A1", "10001", "x", 1, new DateTime(2011, 1, 1, 10, 0, 0), 1m, 12345, "UK"), read.Table.Row(0));
    }

    [Fact]
    public void ReadCsv_QuoteInsideAnUnquotedField_IsText()
    {
        var read = CsvText.Read(CsvText.Header + "\nA1,10001,12\" RULER,1,2011-01-01T10:00:00,1,12345,UK\n");

        Assert.Equal("12\" RULER", read.Table.Row(0).Description);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public void ReadCsv_ReadsOfAnySize_MultiByteCharactersCutByAReadAreRead(int readSize)
    {
        var text = new StringBuilder(CsvText.Header).Append('\n');
        for (var i = 0; i < 3_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"A{i},10001,Crème brûlée № {i} 😀,1,2011-01-01T10:00:00,1,12345,Österreich\n");
        }

        using var stream = new TrickleStream(Encoding.UTF8.GetBytes(text.ToString()), maxRead: readSize);
        var read = TransactionReader.ReadCsv(stream, "pieces.csv", new IngestionOptions());

        Assert.Equal(3_000, read.Table.RowCount);
        Assert.Equal("Crème brûlée № 2999 😀", read.Table.Row(2_999).Description);
        Assert.Equal("Österreich", read.Table.Row(0).Country);
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(5, 4096)]
    [InlineData(40_000, 3)]
    [InlineData(40_000, 1 << 20)]
    public void ReadCsv_InvalidUtf8AfterValidReads_NamesItsOffsetAndLine(int rowsBefore, int readSize)
    {
        var head = new StringBuilder(CsvText.Header).Append('\n');
        for (var i = 0; i < rowsBefore; i++)
        {
            head.Append(CultureInfo.InvariantCulture, $"A{i},10001,Crème {i},1,2011-01-01T10:00:00,1,12345,UK\n");
        }

        var prefix = Encoding.UTF8.GetBytes(head.ToString() + "A,10001,CAF");
        byte[] bytes = [.. prefix, 0xC9, .. ",1,2011-01-01T10:00:00,1,12345,UK\n"u8, .. Encoding.UTF8.GetBytes("B,10001,fine,1,2011-01-01T10:00:00,1,12345,UK\n")];
        using var stream = new TrickleStream(bytes, maxRead: readSize);

        var ex = Assert.Throws<DataFormatException>(() => TransactionReader.ReadCsv(stream, "bad.csv", new IngestionOptions()));

        Assert.Contains(FormattableString.Invariant($"invalid UTF-8 at byte offset {prefix.Length}"), ex.Message, StringComparison.Ordinal);
        Assert.Equal(rowsBefore + 2, ex.Line);
    }

    private static TransactionRow RandomRow(Random random, int i)
    {
        var description = random.Next(8) switch
        {
            0 => "PLAIN " + i.ToString(CultureInfo.InvariantCulture),
            1 => "WITH, COMMA",
            2 => "SAYS \"HELLO\"",
            3 => "TWO\nLINES",
            4 => new string('L', random.Next(20, 120)),
            5 => "Crème brûlée, №" + random.Next(100).ToString(CultureInfo.InvariantCulture),
            6 => null,
            _ => "",
        };
        var customer = random.Next(5) == 0 ? (long?)null : 12000 + random.Next(4000);
        return new TransactionRow(
            (random.Next(10) == 0 ? "C" : "") + (536000 + (i / 7)).ToString(CultureInfo.InvariantCulture),
            (10000 + random.Next(90000)).ToString(CultureInfo.InvariantCulture) + (random.Next(3) == 0 ? "A" : ""),
            description is "" ? null : description,
            random.Next(-5, 50),
            new DateTime(2011, 1, 1).AddMinutes(random.Next(500_000)),
            random.Next(1, 100_000) / 1000m,
            customer,
            random.Next(2) == 0 ? "United Kingdom" : "EIRE");
    }

    /// <summary>Quoted when it must be, and now and then when it need not be.</summary>
    private static string Csv(Random random, string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || random.Next(6) == 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
