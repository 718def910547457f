using System.IO.Compression;

namespace Segmentation.Data.Ingestion;

/// <summary>Entry points that read a transactions file (.csv, .csv.gz, .xlsx, .parquet) into a <see cref="TransactionTable"/>.</summary>
public static class TransactionReader
{
    /// <summary>
    /// Reads <see cref="IngestionOptions.Input"/> (relative paths resolve against <paramref name="workingDirectory"/>).
    /// Bad input throws <see cref="DataFormatException"/>; a missing file throws <see cref="FileNotFoundException"/>.
    /// </summary>
    public static TransactionReadResult ReadFile(IngestionOptions options, string workingDirectory, CancellationToken ct = default)
    {
        var (path, rejectedPath) = Resolve(options, workingDirectory);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var extension = Path.GetExtension(path).ToUpperInvariant();
        switch (extension)
        {
            case ".XLSX":
            case ".XLSM":
                return ReadWorkbook(file, path, options, rejectedPath, ct);
            case ".XLS":
                throw new DataFormatException("the legacy .xls format is not supported; save the workbook as .xlsx or export it as CSV", path);
            case ".PARQUET":
                return ReadParquet(path, options, rejectedPath, ct);
            default:
                return ReadCsv(file, path, options, rejectedPath, ct);
        }
    }

    /// <summary>
    /// Reads the file as <see cref="ReadFile(IngestionOptions, string, CancellationToken)"/> does, handing each row to
    /// <paramref name="sink"/> as it is parsed: CSV and Parquet rows are never held; a workbook (at most 1,048,575 rows a
    /// sheet) is read into a table first and its rows replayed.
    /// </summary>
    internal static IngestionReport ReadInto(ITransactionSink sink, IngestionOptions options, string workingDirectory, CancellationToken ct)
    {
        if (!PipelinedSink.Pays)
        {
            return ReadIntoDirectly(sink, options, workingDirectory, ct);
        }

        // Parsing on this thread, the sink's work (cleaning, the per-customer fold) on a second one, row order kept.
        using var pipelined = new PipelinedSink(sink);
        var report = ReadIntoDirectly(pipelined, options, workingDirectory, ct);
        pipelined.Complete();
        return report;
    }

    private static IngestionReport ReadIntoDirectly(ITransactionSink sink, IngestionOptions options, string workingDirectory, CancellationToken ct)
    {
        var (path, rejectedPath) = Resolve(options, workingDirectory);
        var extension = Path.GetExtension(path).ToUpperInvariant();
        if (extension is ".XLSX" or ".XLSM" or ".XLS")
        {
            var read = ReadFile(options, workingDirectory, ct);
            Replay(read.Table, sink);
            return read.Report;
        }

        if (extension == ".PARQUET")
        {
            using var rejectedRows = OpenRejected(options, rejectedPath);
            var (parquetNames, parquetRows) = ParquetTransactionReader.ReadInto(_ => sink, path, options, rejectedRows, ct);
            return new IngestionReport(path, "parquet", null, parquetNames, parquetRows, rejectedRows?.Count ?? 0, rejectedRows?.Path);
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var (input, compressed) = Decompressing(file);
        using var rejected = OpenRejected(options, rejectedPath);
        using var gzipGuard = compressed ? input : null;
        long? expectedBytes = input is TruncationCheckingStream gz ? gz.ExpectedSize : input.CanSeek ? input.Length - input.Position : null;
        var (names, rows) = CsvTransactionReader.ReadInto(sink, input, path, options, rejected, expectedBytes, ct);
        return new IngestionReport(path, compressed ? "csv.gz" : "csv", null, names, rows, rejected?.Count ?? 0, rejected?.Path);
    }

    private static (string Path, string RejectedPath) Resolve(IngestionOptions options, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        options.Validate();
        var path = Path.GetFullPath(options.Input, workingDirectory);
        if (!File.Exists(path))
        {
            throw new DataFormatException("input file not found (set data.input in params.yaml or pass --input)", path);
        }

        return (path, Path.GetFullPath(options.RejectedRowsFile, workingDirectory));
    }

    /// <summary>Hands every row of a table already read to <paramref name="sink"/>, in order.</summary>
    internal static void Replay(TransactionTable table, ITransactionSink sink)
    {
        var invoices = table.Invoice.Values.Select(sink.Invoices.Intern).ToArray();
        var stockCodes = table.StockCode.Values.Select(sink.StockCodes.Intern).ToArray();
        var descriptions = table.Description.Values.Select(sink.Descriptions.Intern).ToArray();
        var countries = table.Country.Values.Select(sink.Countries.Intern).ToArray();
        var inv = table.Invoice.Codes;
        var stock = table.StockCode.Codes;
        var desc = table.Description.Codes;
        var country = table.Country.Codes;
        for (var r = 0; r < table.RowCount; r++)
        {
            sink.Add(invoices[inv[r]], stockCodes[stock[r]], desc[r] == StringColumn.Missing ? StringColumn.Missing : descriptions[desc[r]],
                table.Quantity[r], table.Timestamp[r], table.UnitPriceMilli[r], table.CustomerIdRaw[r], countries[country[r]]);
        }
    }

    /// <summary>Reads one file with default options (UCI column names, fail on bad rows); relative to the current directory.</summary>
    public static TransactionReadResult ReadFile(string path, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadFile(new IngestionOptions { Input = path }, Directory.GetCurrentDirectory(), ct);
    }

    /// <summary>
    /// Reads CSV from a stream (gzip-compressed input is detected by its magic bytes). <paramref name="fileName"/>
    /// names the input in errors; <paramref name="rejectedRowsPath"/> is used under <c>on_bad_rows: skip</c>.
    /// </summary>
    public static TransactionReadResult ReadCsv(Stream stream, string fileName, IngestionOptions options, string? rejectedRowsPath = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(options);
        var (input, compressed) = Decompressing(stream);
        using var rejected = OpenRejected(options, rejectedRowsPath ?? options.RejectedRowsFile);
        using var gzipGuard = compressed ? input : null;
        // The trailer holds the size mod 2^32; a file above 4 GiB only loses the up-front sizing, not correctness.
        long? expectedBytes = input is TruncationCheckingStream gz ? gz.ExpectedSize : input.CanSeek ? input.Length - input.Position : null;
        var (table, names, rows) = CsvTransactionReader.Read(input, fileName, options, rejected, expectedBytes, ct);

        return new(table, new IngestionReport(Path.GetFullPath(fileName), compressed ? "csv.gz" : "csv", null, names, rows, rejected?.Count ?? 0, rejected?.Path));
    }

    /// <summary>Reads the first worksheet with the transaction columns (or <see cref="IngestionOptions.Sheet"/>).</summary>
    public static TransactionReadResult ReadWorkbook(Stream stream, string fileName, IngestionOptions options, string? rejectedRowsPath = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(options);
        using var rejected = OpenRejected(options, rejectedRowsPath ?? options.RejectedRowsFile);
        var (table, names, rows, sheet) = XlsxTransactionReader.Read(stream, fileName, options, rejected, ct);
        return new(table, new IngestionReport(Path.GetFullPath(fileName), "xlsx", sheet, names, rows, rejected?.Count ?? 0, rejected?.Path));
    }

    /// <summary>Reads a Parquet file whose columns carry the transaction names (or those mapped in <c>data.columns</c>).</summary>
    public static TransactionReadResult ReadParquet(string path, IngestionOptions options, string? rejectedRowsPath = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        using var rejected = OpenRejected(options, rejectedRowsPath ?? options.RejectedRowsFile);
        var (table, names, rows) = ParquetTransactionReader.Read(path, options, rejected, ct);
        return new(table, new IngestionReport(Path.GetFullPath(path), "parquet", null, names, rows, rejected?.Count ?? 0, rejected?.Path));
    }

    private static RejectedRowWriter? OpenRejected(IngestionOptions options, string path) =>
        options.OnBadRows == BadRowPolicy.Skip ? new RejectedRowWriter(Path.GetFullPath(path)) : null;

    private static (Stream Input, bool Compressed) Decompressing(Stream stream)
    {
        // Without seeking there is no peeking at the magic bytes or the trailer: such a stream is read as plain CSV.
        if (!stream.CanSeek)
        {
            return (stream, false);
        }

        Span<byte> magic = stackalloc byte[2];
        var start = stream.Position;
        var got = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        if (got < 2 || magic[0] != 0x1F || magic[1] != 0x8B)
        {
            stream.Position = start;
            return (stream, false);
        }

        // The gzip trailer ends with the uncompressed size mod 2^32. GZipStream stops quietly at the end of a truncated
        // file, so the size decompressed is compared with the trailer afterwards.
        uint? expected = null;
        if (stream.Length - start >= 18)
        {
            Span<byte> trailer = stackalloc byte[4];
            stream.Position = stream.Length - 4;
            stream.ReadExactly(trailer);
            expected = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        }

        stream.Position = start;
        Stream gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        // With a second core the inflate runs on its own thread, ahead of the parser (see ReadAheadStream).
        return (new TruncationCheckingStream(PipelinedSink.Pays ? new ReadAheadStream(gzip) : gzip, expected), true);
    }
}
