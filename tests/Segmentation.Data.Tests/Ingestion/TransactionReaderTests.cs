using System.IO.Compression;
using System.Text;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Tests.Ingestion;

public sealed class TransactionReaderTests : IDisposable
{
    private const string Header = CsvText.Header;
    private readonly string _dir = Directory.CreateTempSubdirectory("segdata-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReadCsv_OnlineRetailSpelling_ParsesTypedColumns()
    {
        var text = Header + "\r\n"
            + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01T08:26:00,2.55,17850,United Kingdom\r\n"
            + "536366,22633,\"RECORD FRAME 7\"\" SINGLE SIZE \",-2,2010-12-01T08:28:00,0.001,,United Kingdom\r\n"
            + "C536379,D,,-1,2010-12-01T09:41:00,27.5,14527,\"Korea, Republic of\"\r\n";

        var (table, report) = CsvText.Read(text);

        Assert.Equal(3, table.RowCount);
        Assert.Equal(3, report.RowsRead);
        Assert.Equal(new TransactionRow("536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, new DateTime(2010, 12, 1, 8, 26, 0), 2.55m, 17850, "United Kingdom"), table.Row(0));
        Assert.Equal(new TransactionRow("536366", "22633", "RECORD FRAME 7\" SINGLE SIZE ", -2, new DateTime(2010, 12, 1, 8, 28, 0), 0.001m, null, "United Kingdom"), table.Row(1));
        Assert.Equal(new TransactionRow("C536379", "D", null, -1, new DateTime(2010, 12, 1, 9, 41, 0), 27.5m, 14527, "Korea, Republic of"), table.Row(2));
        Assert.Equal("InvoiceNo", report.HeaderNames[TransactionColumn.Invoice]);
        Assert.Equal("csv", report.Format);
    }

    [Fact]
    public void ReadCsv_OnlineRetailIISpelling_MapsInvoicePriceAndCustomerId()
    {
        var text = "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n"
            + "489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,2009-12-01 07:45:00,6.95,13085,United Kingdom\n";

        var (table, report) = CsvText.Read(text);

        Assert.Equal(new TransactionRow("489434", "85048", "15CM CHRISTMAS GLASS BALL 20 LIGHTS", 12, new DateTime(2009, 12, 1, 7, 45, 0), 6.95m, 13085, "United Kingdom"), table.Row(0));
        Assert.Equal("Customer ID", report.HeaderNames[TransactionColumn.CustomerId]);
        Assert.Equal("Price", report.HeaderNames[TransactionColumn.UnitPrice]);
    }

    [Fact]
    public void ReadCsv_ColumnMapping_ReadsOtherHeaderNames()
    {
        var options = new IngestionOptions { Columns = new Dictionary<TransactionColumn, string> { [TransactionColumn.CustomerId] = "Cust" } };
        var text = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,Cust,Country\n1,10001,X,1,2011-01-01T10:00:00,1,42,UK\n";

        var (table, _) = CsvText.Read(text, options);

        Assert.Equal(42, table.CustomerId(0));
    }

    [Fact]
    public void ReadCsv_MissingColumn_NamesItAndListsColumnsFound()
    {
        var ex = CsvText.Fails("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,Country\n1,10001,X,1,2011-01-01T10:00:00,1,UK\n");

        Assert.Contains("missing required column customer_id (accepted names: CustomerID, Customer ID", ex.Message, StringComparison.Ordinal);
        Assert.Contains("columns found: 'InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'Country'", ex.Message, StringComparison.Ordinal);
        Assert.Equal("test.csv", ex.File);
    }

    [Fact]
    public void ReadCsv_UnparsableQuantity_NamesFileLineColumnAndText()
    {
        var ex = CsvText.Fails(Header + "\n1,10001,X,1,2011-01-01T10:00:00,1,42,UK\n2,10002,Y,six,2011-01-01T10:00:00,1,42,UK\n");

        Assert.Equal("test.csv:3: column 'Quantity': expected an integer quantity: 'six'", ex.Message);
        Assert.Equal(3, ex.Line);
        Assert.Equal("Quantity", ex.Column);
        Assert.Equal("six", ex.Text);
    }

    [Theory]
    [InlineData("1,10001,X,1,2011-13-01T10:00:00,1,42,UK", "InvoiceDate", "2011-13-01T10:00:00")]
    [InlineData("1,10001,X,1,2011-01-01T10:00:00,1.5e3,42,UK", "UnitPrice", "1.5e3")]
    [InlineData("1,10001,X,1,2011-01-01T10:00:00,2.5501,42,UK", "UnitPrice", "2.5501")]
    [InlineData("1,10001,X,1,2011-01-01T10:00:00,1,4x2,UK", "CustomerID", "4x2")]
    [InlineData(",10001,X,1,2011-01-01T10:00:00,1,42,UK", "InvoiceNo", "")]
    public void ReadCsv_BadValue_NamesColumnAndText(string line, string column, string text)
    {
        var ex = CsvText.Fails(Header + "\n" + line + "\n");

        Assert.Equal(2, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Equal(text, ex.Text);
    }

    [Fact]
    public void ReadCsv_WrongFieldCount_SaysExpectedAndFound()
    {
        var ex = CsvText.Fails(Header + "\n1,10001,X,1,2011-01-01T10:00:00,1,42\n");

        Assert.Contains("expected 8 fields as in the header, found 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_SkipBadRows_CountsThemAndWritesRejectedFile()
    {
        var rejected = Path.Combine(_dir, "rejected.csv");
        var options = new IngestionOptions { OnBadRows = BadRowPolicy.Skip };
        var text = Header + "\n1,10001,X,1,2011-01-01T10:00:00,1,42,UK\n2,10002,\"Y, big\",six,2011-01-01T10:00:00,1,42,UK\n3,10003,Z,2,2011-01-01T10:00:00,1,43,UK\n";

        var (table, report) = CsvText.Read(text, options, rejected);

        Assert.Equal(2, table.RowCount);
        Assert.Equal(3, report.RowsRead);
        Assert.Equal(1, report.RowsRejected);
        Assert.Equal(rejected, report.RejectedRowsFile);
        Assert.Equal(
            "line,reason,raw\n3,column 'Quantity': expected an integer quantity: 'six',\"2,10002,\"\"Y, big\"\",six,2011-01-01T10:00:00,1,42,UK\"\n",
            File.ReadAllText(rejected));
    }

    [Fact]
    public void ReadCsv_EmptyFile_SaysEmpty()
    {
        var ex = CsvText.Fails("");

        Assert.Equal("test.csv: the file is empty; expected a header line and transaction rows", ex.Message);
    }

    [Fact]
    public void ReadCsv_HeaderOnly_SaysNoDataRows()
    {
        var ex = CsvText.Fails(Header + "\r\n");

        Assert.Equal("test.csv:1: the file has a header but no data rows", ex.Message);
    }

    [Fact]
    public void ReadCsv_SemicolonSeparated_SaysWrongDelimiter()
    {
        var ex = CsvText.Fails(Header.Replace(',', ';') + "\n1;10001;X;1;2011-01-01T10:00:00;1;42;UK\n");

        Assert.Contains("wrong delimiter", ex.Message, StringComparison.Ordinal);
        Assert.Contains("semicolons", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_InvalidUtf8_ReportsByteOffsetAndLine()
    {
        var head = Encoding.UTF8.GetBytes(Header + "\n1,10001,");
        byte[] latin1 = [0x43, 0x41, 0x46, 0xC9]; // "CAFÉ" in Latin-1: 0xC9 starts a UTF-8 sequence that never completes
        var tail = Encoding.UTF8.GetBytes(",1,2011-01-01T10:00:00,1,42,UK\n");

        var ex = Assert.Throws<DataFormatException>(() => CsvText.Read([.. head, .. latin1, .. tail]));

        Assert.Equal(2, ex.Line);
        Assert.Contains($"invalid UTF-8 at byte offset {head.Length + 3}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_Utf8ByteOrderMark_IsSkipped()
    {
        var (table, _) = CsvText.Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Header + "\n1,10001,X,1,2011-01-01T10:00:00,1,42,UK")]);

        Assert.Equal(1, table.RowCount);
    }

    [Fact]
    public void ReadCsv_UnterminatedQuote_Fails()
    {
        var ex = CsvText.Fails(Header + "\n1,10001,\"X,1,2011-01-01T10:00:00,1,42,UK\n");

        Assert.Contains("quoted field is not closed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_LineBreakInsideQuotes_KeepsLineNumbersRight()
    {
        var ex = CsvText.Fails(Header + "\n1,10001,\"two\nlines\",1,2011-01-01T10:00:00,1,42,UK\n2,10002,Y,bad,2011-01-01T10:00:00,1,42,UK\n");

        Assert.Equal(4, ex.Line);
    }

    [Fact]
    public void ReadCsv_UsDateFormat_Parses()
    {
        var (table, _) = CsvText.Read(Header + "\n536365,85123A,X,6,12/1/2010 8:26,2.55,17850,United Kingdom\n");

        Assert.Equal(new DateTime(2010, 12, 1, 8, 26, 0), table.Timestamp[0]);
    }

    [Fact]
    public void ReadCsv_ManyRowsAcrossBufferRefills_ReadsEveryRowIntact()
    {
        var text = new StringBuilder(Header + "\r\n");
        const int Rows = 40_000; // ~3 MB: several refills of the 1 MiB buffer, records cut at arbitrary points
        for (var i = 0; i < Rows; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"{500000 + (i / 7)},{10000 + (i % 977)},\"DESCRIPTION, NUMBER {i % 3001} \"\" QUOTED\",{(i % 50) - 5},2011-{1 + (i % 12):00}-{1 + (i % 28):00}T{i % 24:00}:{i % 60:00}:00,{i % 1000}.{i % 1000:000},{12000 + (i % 4000)},Country {i % 38}\r\n");
        }

        var (table, report) = CsvText.Read(text.ToString());

        Assert.Equal(Rows, report.RowsRead);
        Assert.Equal(Rows, table.RowCount);
        var last = Rows - 1;
        Assert.Equal(new TransactionRow(
            (500000 + (last / 7)).ToString(System.Globalization.CultureInfo.InvariantCulture), (10000 + (last % 977)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"DESCRIPTION, NUMBER {last % 3001} \" QUOTED", (last % 50) - 5, new DateTime(2011, 1 + (last % 12), 1 + (last % 28), last % 24, last % 60, 0),
            (last % 1000) + ((last % 1000) / 1000m), 12000 + (last % 4000), $"Country {last % 38}"), table.Row(last));
        Assert.Equal(38, table.Country.Values.Count);
    }

    [Fact]
    public void ReadFile_GzipCsv_ReadsSameRowsAsPlainCsv()
    {
        var text = Header + "\n1,10001,X,1,2011-01-01T10:00:00,1,42,UK\n2,10002,Y,3,2011-01-02T10:00:00,2.5,43,France\n";
        var plain = Path.Combine(_dir, "t.csv");
        File.WriteAllText(plain, text);
        var gz = Path.Combine(_dir, "t.csv.gz");
        WriteGzip(gz, Encoding.UTF8.GetBytes(text));

        var a = TransactionReader.ReadFile(new IngestionOptions { Input = "t.csv" }, _dir);
        var b = TransactionReader.ReadFile(new IngestionOptions { Input = "t.csv.gz" }, _dir);

        Assert.Equal("csv.gz", b.Report.Format);
        Assert.Equal(Enumerable.Range(0, 2).Select(a.Table.Row), Enumerable.Range(0, 2).Select(b.Table.Row));
    }

    [Fact]
    public void ReadFile_TruncatedGzip_SaysTruncated()
    {
        var text = new StringBuilder(Header + "\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},{10000 + (i % 900)},ITEM {i},1,2011-01-01T10:00:00,1,42,UK\n");
        }

        var bytes = Gzip(Encoding.UTF8.GetBytes(text.ToString()));
        File.WriteAllBytes(Path.Combine(_dir, "cut.csv.gz"), bytes[..(bytes.Length * 2 / 3)]);

        var ex = Assert.Throws<DataFormatException>(() => TransactionReader.ReadFile(new IngestionOptions { Input = "cut.csv.gz" }, _dir));

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("cut.csv.gz", ex.File, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_MissingFile_ThrowsDataErrorNamingIt()
    {
        var ex = Assert.Throws<DataFormatException>(() => TransactionReader.ReadFile(new IngestionOptions { Input = "nope.csv" }, _dir));

        Assert.Contains(Path.Combine(_dir, "nope.csv"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_Xlsx_ReadsTransactionsSheet()
    {
        File.WriteAllBytes(Path.Combine(_dir, "t.xlsx"), MinimalXlsx.Create(
            ("Notes", [["just a note"]]),
            ("Online Retail",
            [
                ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"],
                [536365d, "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6d, 40513.35138888889, 2.55, 17850d, "United Kingdom"],
                ["C536379", "D", null, -1d, "2010-12-01T09:41:00", 27.5, null, "United Kingdom"],
            ])));

        var (table, report) = TransactionReader.ReadFile(new IngestionOptions { Input = "t.xlsx" }, _dir);

        Assert.Equal("xlsx", report.Format);
        Assert.Equal("Online Retail", report.Sheet);
        Assert.Equal(new TransactionRow("536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, new DateTime(2010, 12, 1, 8, 26, 0), 2.55m, 17850, "United Kingdom"), table.Row(0));
        Assert.Equal(new TransactionRow("C536379", "D", null, -1, new DateTime(2010, 12, 1, 9, 41, 0), 27.5m, null, "United Kingdom"), table.Row(1));
    }

    [Fact]
    public void ReadFile_XlsxBadCell_NamesSheetRowAndColumn()
    {
        File.WriteAllBytes(Path.Combine(_dir, "t.xlsx"), MinimalXlsx.Create(("Sheet1",
        [
            ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"],
            [536365d, "85123A", "X", "many", "2010-12-01T09:41:00", 2.55, 17850d, "United Kingdom"],
        ])));

        var ex = Assert.Throws<DataFormatException>(() => TransactionReader.ReadFile(new IngestionOptions { Input = "t.xlsx" }, _dir));

        Assert.EndsWith("t.xlsx[Sheet1]:2: column 'Quantity': expected an integer quantity: 'many'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_XlsxWithoutMatchingSheet_ListsSheetsAndTheirColumns()
    {
        File.WriteAllBytes(Path.Combine(_dir, "t.xlsx"), MinimalXlsx.Create(("Sales", [["Order", "Amount"], ["1", 2d]])));

        var ex = Assert.Throws<DataFormatException>(() => TransactionReader.ReadFile(new IngestionOptions { Input = "t.xlsx" }, _dir));

        Assert.Contains("no worksheet has the required transaction columns; sheets found: 'Sales' (columns: Order, Amount;", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_XlsxNamedSheetAbsent_SaysSo()
    {
        File.WriteAllBytes(Path.Combine(_dir, "t.xlsx"), MinimalXlsx.Create(("Sales", [["Order"]])));

        var ex = Assert.Throws<DataFormatException>(() => TransactionReader.ReadFile(new IngestionOptions { Input = "t.xlsx", Sheet = "Year 2010-2011" }, _dir));

        Assert.Contains("no worksheet named 'Year 2010-2011'; sheets found: 'Sales'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_XlsxNamedSheetWithoutColumns_NamesMissingColumns()
    {
        File.WriteAllBytes(Path.Combine(_dir, "t.xlsx"), MinimalXlsx.Create(("Sales", [["Invoice", "Amount"], ["1", 2d]])));

        var ex = Assert.Throws<DataFormatException>(() => TransactionReader.ReadFile(new IngestionOptions { Input = "t.xlsx", Sheet = "Sales" }, _dir));

        Assert.EndsWith("t.xlsx[Sales]", ex.File, StringComparison.Ordinal);
        Assert.Contains("missing required columns stock_code", ex.Message, StringComparison.Ordinal);
        Assert.Contains("columns found: 'Invoice', 'Amount'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_PathOnly_ReadsWithDefaultOptions()
    {
        var path = Path.Combine(_dir, "t.csv");
        File.WriteAllText(path, Header + "\n1,10001,X,1,2011-01-01T10:00:00,1,42,UK\n");

        var (table, report) = TransactionReader.ReadFile(path);

        Assert.Equal(1, table.RowCount);
        Assert.Equal(path, report.File);
    }

    [Fact]
    public void ReadFile_XlsxThatIsNotAWorkbook_SaysNotReadable()
    {
        File.WriteAllText(Path.Combine(_dir, "t.xlsx"), Header + "\n");

        var ex = Assert.Throws<DataFormatException>(() => TransactionReader.ReadFile(new IngestionOptions { Input = "t.xlsx" }, _dir));

        Assert.Contains("not a readable .xlsx workbook", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return memory.ToArray();
    }

    private static void WriteGzip(string path, byte[] data) => File.WriteAllBytes(path, Gzip(data));
}
