using Segmentation.Data.Configuration;

namespace Segmentation.Data.Tests.Configuration;

public sealed class ConfigDocumentTests
{
    [Fact]
    public void Parse_WrongType_ErrorNamesFileLineColumnAndKeyPath()
    {
        var root = ConfigDocument.Parse("cleaning:\n  drop_missing_customer: maybe\n", "params.yaml");

        var ex = Assert.Throws<ConfigException>(() => root.GetMapping("cleaning").GetBool("drop_missing_customer", true));

        Assert.Equal("params.yaml:2:26: cleaning.drop_missing_customer: expected true or false, found 'maybe'", ex.Message);
        Assert.Equal(2, ex.Line);
        Assert.Equal("cleaning.drop_missing_customer", ex.KeyPath);
    }

    [Fact]
    public void RejectUnknownKeys_MisspeltKey_ListsAllowedKeys()
    {
        var root = ConfigDocument.Parse("seed: 1\nsede: 2\n", "params.yaml");

        var ex = Assert.Throws<ConfigException>(() => root.RejectUnknownKeys("seed", "data"));

        Assert.Contains("params.yaml:2:7: sede: unknown key 'sede'; allowed keys here: seed, data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SyntaxError_ReportsLine()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigDocument.Parse("a: [1, 2\nb: 3\n", "bad.yaml"));

        Assert.StartsWith("bad.yaml:", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Line >= 1);
    }

    [Fact]
    public void Parse_DuplicateKey_IsAnError()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigDocument.Parse("seed: 1\nseed: 2\n", "p.yaml"));

        Assert.Contains("duplicate key 'seed'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void Merge_OverlayReplacesScalarsAndMergesMappings_KeepingProvenance()
    {
        var baseline = ConfigDocument.Parse("cleaning:\n  a: 1\n  b: 2\nseed: 7\n", "params.yaml");
        var overlay = ConfigDocument.Parse("cleaning:\n  b: 3\n", "configs/x.yaml");

        var merged = ConfigDocument.Merge(baseline, overlay);

        var cleaning = merged.GetMapping("cleaning");
        Assert.Equal(1, cleaning.GetInt("a", 0));
        Assert.Equal(3, cleaning.GetInt("b", 0));
        Assert.Equal("configs/x.yaml", cleaning.GetScalar("b")!.Source);
        Assert.Equal("params.yaml", cleaning.GetScalar("a")!.Source);
        Assert.Equal(7, merged.GetInt("seed", 0));
    }

    [Fact]
    public void Override_FromEnvironment_WinsAndIsNamedInErrors()
    {
        var root = ConfigDocument.Parse("tracking:\n  uri: sqlite:///mlflow.db\n", "params.yaml");

        var overridden = ConfigDocument.Override(root, "tracking.retries", "many", "environment MLFLOW_HTTP_REQUEST_MAX_RETRIES");

        Assert.Equal("sqlite:///mlflow.db", overridden.GetMapping("tracking").GetString("uri"));
        var ex = Assert.Throws<ConfigException>(() => overridden.GetMapping("tracking").GetInt("retries", 0));
        Assert.Equal("environment MLFLOW_HTTP_REQUEST_MAX_RETRIES: tracking.retries: expected an integer, found 'many'", ex.Message);
    }

    [Fact]
    public void GetChoice_UnknownValue_ListsAllowedValues()
    {
        var root = ConfigDocument.Parse("on_bad_rows: ignore\n", "p.yaml");

        var ex = Assert.Throws<ConfigException>(() => root.GetChoice("on_bad_rows", "fail", ["fail", "skip"]));

        Assert.EndsWith("unknown value 'ignore'; allowed: fail, skip", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetStringList_EmptyList_IsAnError()
    {
        var root = ConfigDocument.Parse("scalers: []\n", "c.yaml");

        var ex = Assert.Throws<ConfigException>(() => root.GetStringList("scalers"));

        Assert.Contains("empty list", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyDocument_IsEmptyMapping()
    {
        Assert.Empty(ConfigDocument.Parse("", "empty.yaml").Entries);
        Assert.Empty(ConfigDocument.Parse("# only a comment\n", "c.yaml").Entries);
    }

    [Theory]
    [InlineData(40_000, "[")]
    [InlineData(40_000, "{a: ")]
    public void Parse_HostileNesting_LocatedErrorInsteadOfAStackOverflow(int depth, string opener)
    {
        // Regression: a 40,000-deep YAML nesting overflowed the stack (exit 134).
        var text = "deep: " + string.Concat(Enumerable.Repeat(opener, depth));

        var ex = Assert.Throws<ConfigException>(() => ConfigDocument.Parse(text, "deep.yaml"));

        Assert.Contains("deep.yaml:1:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nested deeper than 64 levels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingAtTheLimit_Accepted()
    {
        var text = "deep: " + string.Concat(Enumerable.Repeat("[", ConfigDocument.MaxDepth - 1)) + "1" + string.Concat(Enumerable.Repeat("]", ConfigDocument.MaxDepth - 1)) + "\n";

        Assert.Equal("deep", Assert.Single(ConfigDocument.Parse(text, "ok.yaml").Entries).Key);
    }
}
