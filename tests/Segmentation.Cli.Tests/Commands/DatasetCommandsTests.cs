using Segmentation.Cli;

namespace Segmentation.Cli.Tests.Commands;

public sealed class DatasetCommandsTests : IDisposable
{
    private const string Transactions =
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\r\n" +
        "536365,85123A,WHITE HANGING HEART,6,2010-12-01T08:26:00,2.55,17850,United Kingdom\r\n" +
        "536366,22633,HAND WARMER,6,2010-12-02T08:28:00,1.85,17850,United Kingdom\r\n" +
        "536367,84879,ASSORTED BIRD,32,2010-12-03T08:34:00,1.69,13047,United Kingdom\r\n" +
        "C536379,84879,ASSORTED BIRD,-2,2010-12-04T09:41:00,1.69,13047,United Kingdom\r\n" +
        "536368,22960,JAM MAKING SET,6,2010-12-05T08:34:00,4.25,12583,France\r\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("segcli-").FullName;

    public DatasetCommandsTests()
    {
        File.WriteAllText(Path.Combine(_dir, "tx.csv"), Transactions);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, TimeProvider.System, _dir);
        var code = await SegmentCli.BuildRoot(context).Parse(args).InvokeAsync(new() { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Ingest_SecondTime_IsACacheHitWithTheSameDigest()
    {
        var first = await Run("data", "ingest", "--input", "tx.csv");
        var second = await Run("data", "ingest", "--input", "tx.csv");

        Assert.Equal(0, first.Code);
        Assert.StartsWith("stored new version", first.Out, StringComparison.Ordinal);
        Assert.StartsWith("cache hit", second.Out, StringComparison.Ordinal);
        Assert.Equal(DigestLine(first.Out), DigestLine(second.Out));
    }

    [Fact]
    public async Task ListShowVerify_AfterIngest_ReportTheVersion()
    {
        var ingest = await Run("data", "ingest", "--input", "tx.csv");
        var digest = DigestLine(ingest.Out);

        var list = await Run("data", "list");
        var show = await Run("data", "show", digest[..8]);
        var verify = await Run("data", "verify");

        Assert.Contains(digest[..12], list.Out, StringComparison.Ordinal);
        Assert.Contains("\"row_count\": 3", show.Out, StringComparison.Ordinal);
        Assert.Equal(0, verify.Code);
        Assert.Contains("1 verified, 0 damaged", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DamagedFile_ExitsWithTwo()
    {
        var digest = DigestLine((await Run("data", "ingest", "--input", "tx.csv")).Out);
        var parquet = Path.Combine(_dir, ".segmentation", "datasets", digest + ".parquet");
        var bytes = File.ReadAllBytes(parquet);
        File.WriteAllBytes(parquet, bytes[..(bytes.Length - 10)]);

        var verify = await Run("data", "verify", digest);

        Assert.Equal(2, verify.Code);
        Assert.Contains("MISMATCH", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownDigest_ExitsWithTwoAndSaysSo()
    {
        var show = await Run("data", "show", "abcdef");

        Assert.Equal(2, show.Code);
        Assert.Contains("no dataset abcdef", show.Err, StringComparison.Ordinal);
    }

    private static string DigestLine(string output) =>
        output.Split('\n').Single(l => l.StartsWith("digest: ", StringComparison.Ordinal))["digest: ".Length..].Trim();
}
