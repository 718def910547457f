using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Search;

namespace Segmentation.Tracking.Tests.Search;

public sealed class SearchFilterParserTests
{
    [Fact]
    public void Parse_ThreeTermsWithAnd_ReturnsClauses()
    {
        var clauses = SearchFilterParser.Parse("metrics.silhouette > 0.3 and params.k = '5' AND tags.`mlflow.parentRunId` = \"abc\"");

        Assert.Equal(
            [
                new FilterClause(FilterEntity.Metric, "silhouette", ">", null, 0.3, null),
                new FilterClause(FilterEntity.Param, "k", "=", "5", null, null),
                new FilterClause(FilterEntity.Tag, "mlflow.parentRunId", "=", "abc", null, null),
            ],
            clauses);
    }

    [Fact]
    public void Parse_DottedTagKeyWithoutQuotes_KeepsTheWholeKey()
    {
        Assert.Equal("mlflow.parentRunId", Assert.Single(SearchFilterParser.Parse("tags.mlflow.parentRunId = 'x'")).Key);
    }

    [Fact]
    public void Parse_AttributeAliasesLikeAndIn_Recognised()
    {
        var clauses = SearchFilterParser.Parse("attr.run_name ILIKE 'kmeans%' AND run.run_id NOT IN ('a', 'b') AND status = 'FINISHED'");

        Assert.Equal(["ILIKE", "NOT IN", "="], clauses.Select(c => c.Comparator));
        Assert.All(clauses, c => Assert.Equal(FilterEntity.Attribute, c.Entity));
        Assert.Equal(["a", "b"], clauses[1].ListValue!);
    }

    [Fact]
    public void Parse_QuotedValueWithDoubledQuote_Unescapes()
    {
        Assert.Equal("it's", Assert.Single(SearchFilterParser.Parse("params.note = 'it''s'")).StringValue);
    }

    [Fact]
    public void Parse_NegativeAndExponentNumbers_Parsed()
    {
        Assert.Equal([-1.5, 2e-3], SearchFilterParser.Parse("metrics.a > -1.5 AND metrics.b < 2e-3").Select(c => c.NumberValue!.Value));
    }

    [Fact]
    public void Parse_Blank_NoClauses()
    {
        Assert.Empty(SearchFilterParser.Parse("  "));
    }

    [Theory]
    [InlineData("metrics.silhouette >>> 0.3", "Invalid comparator '>>>'")]
    [InlineData("metrics.a > 1 OR metrics.b > 1", "OR is not supported")]
    [InlineData("foo.bar = 'x'", "Invalid entity type 'foo'")]
    [InlineData("params.k = 'open", "unterminated")]
    [InlineData("params.k =", "expected a quoted string or a number")]
    [InlineData("params.k = '1' params.j = '2'", "expected AND")]
    public void Parse_Malformed_ThrowsInvalidParameterSayingWhy(string filter, string expected)
    {
        var ex = Assert.Throws<InvalidParameterException>(() => SearchFilterParser.Parse(filter));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OrderBy_MetricDescAndAttributeDefaultAscending()
    {
        Assert.Equal(new OrderByClause(FilterEntity.Metric, "silhouette", false), OrderByParser.Parse("metrics.silhouette DESC"));
        Assert.Equal(new OrderByClause(FilterEntity.Attribute, "start_time", true), OrderByParser.Parse("attributes.start_time"));
        Assert.Throws<InvalidParameterException>(() => OrderByParser.Parse("metrics.a DESC, metrics.b"));
    }
}
