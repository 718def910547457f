using Segmentation.Data.Configuration;
using Segmentation.Monitoring.Configuration;

namespace Segmentation.Monitoring.Tests.Configuration;

public sealed class MonitoringConfigTests
{
    [Fact]
    public void From_NoSection_IsTheIssueDefaults()
    {
        var config = MonitoringConfig.From(ConfigDocument.Parse("seed: 1\n", "params.yaml"));

        Assert.Equal(0.1, config.PsiWarn);
        Assert.Equal(0.25, config.PsiAlert);
    }

    [Theory]
    [InlineData(0.0, DriftStatus.Stable)]
    [InlineData(0.0999, DriftStatus.Stable)]
    [InlineData(0.1, DriftStatus.Warn)]
    [InlineData(0.25, DriftStatus.Warn)]
    [InlineData(0.2501, DriftStatus.Alert)]
    public void Classify_Boundaries_FollowTheIssue(double psi, DriftStatus expected)
    {
        Assert.Equal(expected, MonitoringConfig.Default.Classify(psi));
    }

    [Fact]
    public void From_Section_BindsBothThresholds()
    {
        var config = MonitoringConfig.From(ConfigDocument.Parse("monitoring:\n  psi_warn: 0.05\n  psi_alert: 0.5\n", "params.yaml"));

        Assert.Equal(new MonitoringConfig(0.05, 0.5), config);
    }

    [Fact]
    public void From_WarnNotBelowAlert_FailsNamingFileLineAndKey()
    {
        var error = Assert.Throws<ConfigException>(() => MonitoringConfig.From(ConfigDocument.Parse("monitoring:\n  psi_warn: 0.3\n  psi_alert: 0.2\n", "params.yaml")));

        Assert.Contains("params.yaml:3", error.Message, StringComparison.Ordinal);
        Assert.Contains("monitoring.psi_alert", error.Message, StringComparison.Ordinal);
        Assert.Contains("psi_warn below psi_alert", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_UnknownKey_FailsListingTheAllowedKeys()
    {
        var error = Assert.Throws<ConfigException>(() => MonitoringConfig.From(ConfigDocument.Parse("monitoring:\n  psi_warning: 0.3\n", "params.yaml")));

        Assert.Contains("psi_warning", error.Message, StringComparison.Ordinal);
        Assert.Contains("psi_alert", error.Message, StringComparison.Ordinal);
    }
}
