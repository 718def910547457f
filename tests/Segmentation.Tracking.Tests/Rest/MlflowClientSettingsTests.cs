using Segmentation.Core.Errors;
using Segmentation.Tracking.Rest;

namespace Segmentation.Tracking.Tests.Rest;

public sealed class MlflowClientSettingsTests
{
    [Fact]
    public void FromEnvironment_TokenOnly_UsesBearer()
    {
        var settings = MlflowClientSettings.FromEnvironment(Env(("MLFLOW_TRACKING_URI", "https://mlflow.example:8443/prefix"), ("MLFLOW_TRACKING_TOKEN", "abc")));

        Assert.Equal(new Uri("https://mlflow.example:8443/prefix"), settings.TrackingUri);
        Assert.True(settings.Credentials.IsAuthenticated);
        Assert.Equal("Bearer (token redacted)", settings.Credentials.ToString());
        Assert.False(settings.InsecureTls);
    }

    [Fact]
    public void FromEnvironment_UsernameAndPasswordAndToken_PrefersBasicAsMlflowDoes()
    {
        var settings = MlflowClientSettings.FromEnvironment(Env(
            ("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000"),
            ("MLFLOW_TRACKING_USERNAME", "u"),
            ("MLFLOW_TRACKING_PASSWORD", "p"),
            ("MLFLOW_TRACKING_TOKEN", "t")));

        Assert.Equal("Basic (credentials redacted)", settings.Credentials.ToString());
    }

    [Fact]
    public void FromEnvironment_OnlyUsername_RefusedNamingBothVariables()
    {
        var error = Assert.Throws<UsageException>(() => MlflowClientSettings.FromEnvironment(Env(("MLFLOW_TRACKING_URI", "http://h:5000"), ("MLFLOW_TRACKING_USERNAME", "u"))));

        Assert.Contains("MLFLOW_TRACKING_PASSWORD", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("", false)]
    public void FromEnvironment_InsecureTls_ParsedLikeMlflow(string value, bool expected)
    {
        var settings = MlflowClientSettings.FromEnvironment(Env(("MLFLOW_TRACKING_URI", "https://h"), ("MLFLOW_TRACKING_INSECURE_TLS", value)));

        Assert.Equal(expected, settings.InsecureTls);
    }

    [Fact]
    public void Constructor_UriWithUserInfo_RefusedWithoutEchoingThePassword()
    {
        var error = Assert.Throws<UsageException>(() => new MlflowClientSettings(new Uri("http://bob:hunter2@h:5000")));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("MLFLOW_TRACKING_USERNAME", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite:///mlflow.db")]
    [InlineData("file:///tmp/mlruns")]
    public void Constructor_NonHttpUri_Refused(string uri)
    {
        var error = Assert.Throws<UsageException>(() => new MlflowClientSettings(new Uri(uri)));

        Assert.Contains("http:// or https://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_NoUri_SaysWhichVariable()
    {
        var error = Assert.Throws<UsageException>(() => MlflowClientSettings.FromEnvironment(_ => null));

        Assert.Contains("MLFLOW_TRACKING_URI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_SqliteUri_RefusedSayingTheVariableNamesNoServer()
    {
        var error = Assert.Throws<Segmentation.Core.Errors.UsageException>(() => MlflowClientSettings.FromEnvironment(Env(("MLFLOW_TRACKING_URI", "sqlite:///mlflow.db"))));

        Assert.Contains("MLFLOW_TRACKING_URI", error.Message, StringComparison.Ordinal);
        Assert.Contains("http://", error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }
}
