using Segmentation.Core.Errors;
using Segmentation.Runner.Claims;

namespace Segmentation.Runner.Tests.Claims;

public sealed class ClaimSettingsTests
{
    [Fact]
    public void FromEnvironment_Unset_DefaultsThirtySecondsAndFiveMinutes()
    {
        var settings = ClaimSettings.FromEnvironment(_ => null);

        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5)), (settings.HeartbeatInterval, settings.StaleAfter));
        Assert.Equal(TimeSpan.FromSeconds(5), settings.PollInterval);
    }

    [Fact]
    public void FromEnvironment_Set_ReadsSeconds()
    {
        var settings = ClaimSettings.FromEnvironment(name => name == ClaimSettings.HeartbeatVariable ? "0.5" : "3");

        Assert.Equal((TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3)), (settings.HeartbeatInterval, settings.StaleAfter));
        Assert.True(settings.IsStale(0, 3_001));
        Assert.False(settings.IsStale(0, 3_000));
    }

    [Theory]
    [InlineData("SEGMENTATION_HEARTBEAT_SECONDS", "soon", "SEGMENTATION_HEARTBEAT_SECONDS='soon': expected a positive number of seconds")]
    [InlineData("SEGMENTATION_CLAIM_TIMEOUT_SECONDS", "-1", "SEGMENTATION_CLAIM_TIMEOUT_SECONDS='-1': expected a positive number of seconds")]
    [InlineData("SEGMENTATION_CLAIM_TIMEOUT_SECONDS", "60", "SEGMENTATION_CLAIM_TIMEOUT_SECONDS=60: expected at least 3 × SEGMENTATION_HEARTBEAT_SECONDS (30 s)")]
    public void FromEnvironment_Bad_UsageErrorNamingTheVariable(string name, string value, string message)
    {
        var error = Assert.Throws<UsageException>(() => ClaimSettings.FromEnvironment(n => n == name ? value : null));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
