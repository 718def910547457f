using Segmentation.Core.Errors;
using Segmentation.Tracking.Configuration;

namespace Segmentation.Tracking.Tests.Configuration;

public sealed class TrackingUriTests
{
    private static readonly string WorkingDirectory = Path.Combine(Path.GetTempPath(), "work");

    private static Func<string, string?> Env(string? trackingUri) => name => name == "MLFLOW_TRACKING_URI" ? trackingUri : null;

    [Fact]
    public void Resolve_EnvironmentUnset_DefaultsToMlflowDbInWorkingDirectory()
    {
        var uri = TrackingUri.Resolve(null, Env(null), WorkingDirectory);

        Assert.Equal(TrackingUriKind.Sqlite, uri.Kind);
        Assert.Equal("sqlite:///mlflow.db", uri.Original);
        Assert.Equal(Path.Combine(WorkingDirectory, "mlflow.db"), uri.DatabasePath);
    }

    [Fact]
    public void Resolve_ExplicitFlag_WinsOverEnvironment()
    {
        var uri = TrackingUri.Resolve("sqlite:///flag.db", Env("http://127.0.0.1:5000"), WorkingDirectory);

        Assert.Equal(Path.Combine(WorkingDirectory, "flag.db"), uri.DatabasePath);
    }

    [Fact]
    public void Resolve_EnvironmentHttp_SelectsRest()
    {
        var uri = TrackingUri.Resolve(null, Env("http://127.0.0.1:5000"), WorkingDirectory);

        Assert.Equal(TrackingUriKind.Rest, uri.Kind);
        Assert.Equal(new Uri("http://127.0.0.1:5000"), uri.ServerUri);
    }

    [Fact]
    public void Parse_ThreeSlashes_IsRelativeToWorkingDirectory()
    {
        Assert.Equal(Path.Combine(WorkingDirectory, "runs", "mlflow.db"), TrackingUri.Parse("sqlite:///runs/mlflow.db", WorkingDirectory).DatabasePath);
    }

    [Fact]
    public void Parse_FourSlashes_IsAbsolute()
    {
        Assert.Equal("/var/lib/mlflow/mlflow.db", TrackingUri.Parse("sqlite:////var/lib/mlflow/mlflow.db", WorkingDirectory).DatabasePath);
    }

    [Theory]
    [InlineData("sqlite://")]
    [InlineData("sqlite:///")]
    [InlineData("./mlruns")]
    [InlineData("file:///tmp/mlruns")]
    [InlineData("databricks://profile")]
    public void Parse_UnsupportedUri_ThrowsArgumentExceptionSayingWhatIsAccepted(string text)
    {
        var ex = Assert.Throws<UsageException>(() => TrackingUri.Parse(text, WorkingDirectory));

        Assert.Contains("sqlite:///", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Display_UserInfoInServerUri_IsMasked()
    {
        var uri = TrackingUri.Parse("https://alice:s3cret@mlflow.example.org", WorkingDirectory);

        Assert.DoesNotContain("s3cret", uri.Display, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", uri.Display, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://flag:5000", "http://env:5000", "http://flag:5000")]
    [InlineData("  ", "http://env:5000", "http://env:5000")]
    [InlineData(null, " sqlite:///other.db ", "sqlite:///other.db")]
    [InlineData(null, "", "sqlite:///mlflow.db")]
    [InlineData(null, null, "sqlite:///mlflow.db")]
    public void Select_FlagThenEnvironmentThenDefault_StatesThePrecedenceOnce(string? flag, string? environment, string expected)
    {
        Assert.Equal(expected, TrackingUri.Select(flag, name => name == TrackingUri.EnvironmentVariable ? environment : null));
    }

    [Theory]
    [InlineData("sqlite:///mlflow.db", "sqlite")]
    [InlineData("HTTP://h:5000", "http")]
    [InlineData("https://h", "https")]
    public void Scheme_ParsedUri_IsTheBackendTableKey(string text, string scheme)
    {
        Assert.Equal(scheme, TrackingUri.Parse(text, WorkingDirectory).Scheme);
    }
}
