using System.CommandLine;
using System.Globalization;
using Segmentation.Cli.Commands;

namespace Segmentation.Cli.Tests.Commands;

public sealed class DataFeaturesCommandTests : IDisposable
{
    private const string Csv = """
        InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
        1,10001,A,2,2011-01-03T10:00:00,1.5,42,United Kingdom
        1,10001,A,2,2011-01-03T10:00:00,1.5,42,United Kingdom
        1,POST,POSTAGE,1,2011-01-03T10:00:00,18,42,United Kingdom
        2,10002,B,1,2011-01-05T11:00:00,2,,United Kingdom
        C3,10001,A,-1,2011-01-06T11:00:00,1.5,42,United Kingdom
        4,10003,C,5,2011-01-09T12:00:00,0,43,France
        5,10003,C,5,2011-01-09T12:00:00,1.1,43,France
        6,10003,C,1,2011-01-09T12:00:00,1,44,France
        C7,10003,C,-1,2011-01-09T12:30:00,1,44,France
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("segcli-data-").FullName;
    private readonly StringWriter _output = new() { NewLine = "\n" };
    private readonly StringWriter _error = new() { NewLine = "\n" };

    public DataFeaturesCommandTests()
    {
        File.WriteAllText(Path.Combine(_dir, "t.csv"), Csv);
    }

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        _output.Dispose();
        _error.Dispose();
    }

    private async Task<int> InvokeAsync(params string[] args)
    {
        var context = new CliContext(_output, _error, TimeProvider.System, _dir);
        var root = new RootCommand { new DataFeaturesCommand(context) };
        return await root.Parse(["features", .. args]).InvokeAsync(new InvocationConfiguration { Output = _output, Error = _error });
    }

    [Fact]
    public async Task Features_SmallFile_PrintsCountsPerRuleAndAlignedStatistics()
    {
        var code = await InvokeAsync("--input", "t.csv");

        Assert.Equal(ExitCodes.Success, code);
        var expected = $"""
            input {Path.Combine(_dir, "t.csv")} (csv)
            rows read                                        9
            rows removed by cleaning rule
              1 no customer id                               1
              2 exact duplicate rows                         1
              3 non-product stock codes                      1
              4 unit price <= 0                              1
              5 quantity <= 0 (not a cancellation)           0
            rows after cleaning                              5
            reference date                          2011-01-10
            customers seen                                   3
              dropped: no purchase invoice                   0
              dropped: monetary <= 0                         1
              outliers removed (none)                        0
            customers kept                                   2


            """;
        var text = _output.ToString();
        Assert.StartsWith(expected, text, StringComparison.Ordinal);
        var table = text[expected.Length..].Split('\n');
        Assert.Equal("feature                       mean    std     min  median     max  skew", table[0]);
        Assert.Equal("recency_days                     4      3       1       4       7     0", table[1]);
        Assert.Equal("monetary                       3.5      2     1.5     3.5     5.5     0", table[3]);
        Assert.Equal("hour_sin                      0.25   0.25       0    0.25     0.5     0", table[17]);
        Assert.Equal(FeatureCount + 2, table.Length);
    }

    private static int FeatureCount => Segmentation.Data.Features.FeatureCatalog.Names.Count;

    [Fact]
    public async Task Features_Out_WritesCsvWithCustomerIdFirstAndRoundTrippableValues()
    {
        var code = await InvokeAsync("--input", "t.csv", "--out", "out/features.csv");

        Assert.Equal(ExitCodes.Success, code);
        var lines = File.ReadAllLines(Path.Combine(_dir, "out", "features.csv"));
        var header = lines[0].Split(',');
        Assert.Equal("customer_id", header[0]);
        Assert.Equal(Segmentation.Data.Features.FeatureCatalog.Names, header[1..]);
        Assert.Equal(3, lines.Length);
        var row = lines[2].Split(',');
        Assert.Equal("43", row[0]);
        Assert.Equal(5.5, double.Parse(row[Array.IndexOf(header, "monetary")], CultureInfo.InvariantCulture));
        var sin = double.Parse(row[Array.IndexOf(header, "hour_sin")], CultureInfo.InvariantCulture);
        Assert.Equal(Math.Sin(2 * Math.PI * 12 / 24), sin);
    }

    [Fact]
    public async Task Features_OutParquet_WritesATableTheStoreReadsBackWithCustomerIdFirst()
    {
        var code = await InvokeAsync("--input", "t.csv", "--out", "out/features.parquet");

        Assert.Equal(ExitCodes.Success, code);
        var table = Segmentation.Data.Versioning.FeatureTableParquet.Read(Path.Combine(_dir, "out", "features.parquet"));
        Assert.Equal([42L, 43L], table.CustomerIds);
        Assert.Equal(Segmentation.Data.Features.FeatureCatalog.Names, table.FeatureNames);
        Assert.Equal(5.5, table.Column("monetary")[1]);
        Assert.Equal(5.5m, table.ExactMonetary[1]);
    }

    [Fact]
    public async Task Features_Describe_PrintsTheFeatureCatalogue()
    {
        var code = await InvokeAsync("--describe");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(Segmentation.Data.Features.FeatureCatalog.Describe(), _output.ToString());
    }

    [Fact]
    public async Task Features_MissingColumn_ExitCode2AndMessageNamesIt()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.csv"), "InvoiceNo,StockCode\n1,2\n");

        var code = await InvokeAsync("--input", "bad.csv");

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.StartsWith($"error: {Path.Combine(_dir, "bad.csv")}:1: missing required columns description", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Features_MissingInputFile_ExitCode2()
    {
        var code = await InvokeAsync("--input", "nope.csv.gz");

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("input file not found", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Features_MisspeltParamsKey_ExitCode2WithFileLineAndKey()
    {
        File.WriteAllText(Path.Combine(_dir, "p.yaml"), "data:\n  input: t.csv\ncleaning:\n  drop_dupes: true\n");

        var code = await InvokeAsync("--params", "p.yaml");

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.StartsWith($"error: {Path.Combine(_dir, "p.yaml")}:4:15: cleaning.drop_dupes: unknown key 'drop_dupes'", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Features_ParamsYamlInWorkingDirectory_IsUsedByDefault()
    {
        File.WriteAllText(Path.Combine(_dir, "params.yaml"), "data:\n  input: t.csv\nfeatures:\n  include: [monetary]\n");

        var code = await InvokeAsync("--out", "f.csv");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(["customer_id,monetary", "42,1.5", "43,5.5"], File.ReadAllLines(Path.Combine(_dir, "f.csv")));
    }
}
