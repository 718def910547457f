using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Registry;
using Segmentation.Tracking.Validation;

namespace Segmentation.Tracking.Tests.Validation;

public sealed class ModelAliasesTests
{
    [Theory]
    [InlineData("champion")]
    [InlineData("challenger-2")]
    [InlineData("prod_eu")]
    [InlineData("v3a")]
    [InlineData("version3")]
    [InlineData("latest2")]
    public void Validate_AliasMlflowAccepts_ReturnsNull(string alias) => Assert.Null(ModelAliases.Validate(alias));

    [Theory]
    [InlineData("v3", "reserved")]
    [InlineData("V12", "reserved")]
    [InlineData("latest", "reserved")]
    [InlineData("LATEST", "reserved")]
    [InlineData("", "cannot be empty")]
    [InlineData("my alias", "alphanumerics, underscores (_), and dashes (-)")]
    [InlineData("a.b", "alphanumerics, underscores (_), and dashes (-)")]
    [InlineData("champion\n", "alphanumerics, underscores (_), and dashes (-)")]
    public void Validate_AliasMlflowRefuses_SaysWhy(string alias, string expected)
    {
        var problem = ModelAliases.Validate(alias);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LongerThan255_RefusedAt256Only()
    {
        Assert.Null(ModelAliases.Validate(new string('a', ModelAliases.MaxLength)));
        Assert.Contains("maximum length of 255", ModelAliases.Validate(new string('a', ModelAliases.MaxLength + 1)), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateAlias_ReservedForm_ThrowsInvalidParameter()
    {
        var error = Assert.Throws<InvalidParameterException>(() => TrackingValidation.ValidateAlias("v3"));

        Assert.Equal("Version alias name 'v3' is reserved.", error.Message);
    }

    [Theory]
    [InlineData("Production", "Production")]
    [InlineData("staging", "Staging")]
    [InlineData("PRODUCTION", "Production")]
    [InlineData("Archived", null)]
    [InlineData("None", null)]
    [InlineData("Prod", null)]
    public void PromotionTarget_MatchesCaseInsensitivelyOnlyStagingAndProduction(string stage, string? expected)
    {
        Assert.Equal(expected, ModelStages.PromotionTarget(stage));
        Assert.Equal(expected is null, ModelStages.ValidatePromotionTarget(stage) is not null);
    }
}
