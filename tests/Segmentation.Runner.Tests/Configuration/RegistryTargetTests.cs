using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Tests.Configuration;

public sealed class RegistryTargetTests
{
    [Theory]
    [InlineData("v3", "Version alias name 'v3' is reserved.")]
    [InlineData("latest", "'latest' alias name (case insensitive) is reserved.")]
    [InlineData("\"two words\"", "Invalid alias name: 'two words'")]
    public void Bind_AliasMlflowRefuses_ConfigErrorAtTheAliasLine(string alias, string expected)
    {
        var section = Registry($"registry:\n  model_name: seg\n  alias: {alias}\n");

        var error = Assert.Throws<ConfigException>(() => RegistryTarget.Bind(section));

        Assert.Equal(("sweep.yaml", 3, 10, "registry.alias"), (error.Source, error.Line, error.Column, error.KeyPath));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", "Production")]
    [InlineData("staging", "Staging")]
    public void Bind_Stage_CanonicalSpelling(string stage, string expected)
    {
        var target = RegistryTarget.Bind(Registry($"registry:\n  model_name: seg\n  stage: {stage}\n"));

        Assert.Equal(new RegistryTarget("seg", expected, null), target);
    }

    [Fact]
    public void Bind_ArchivedStage_ConfigErrorNamingTheAllowedStages()
    {
        var error = Assert.Throws<ConfigException>(() => RegistryTarget.Bind(Registry("registry:\n  model_name: seg\n  stage: Archived\n")));

        Assert.Equal("sweep.yaml:3:10: registry.stage: 'Archived' is not a promotion stage; allowed: Staging, Production", error.Message);
    }

    [Fact]
    public void Bind_NeitherStageNorAlias_DefaultsToTheChampionAlias()
    {
        var target = RegistryTarget.Bind(Registry("registry:\n  model_name: seg\n"));

        Assert.Equal(new RegistryTarget("seg", null, "champion"), target);
    }

    private static ConfigMapping Registry(string yaml) => ConfigDocument.Parse(yaml, "sweep.yaml").GetMapping("registry");
}
