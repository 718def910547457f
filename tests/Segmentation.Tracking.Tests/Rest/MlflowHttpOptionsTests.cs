using Segmentation.Core.Errors;
using Segmentation.Tracking.Rest;

namespace Segmentation.Tracking.Tests.Rest;

public sealed class MlflowHttpOptionsTests
{
    [Fact]
    public void Defaults_MatchMlflow217Client()
    {
        var options = new MlflowHttpOptions().Validate();

        Assert.Equal(7, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(2), options.BackoffFactor);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BackoffJitter);
        Assert.Equal(TimeSpan.FromSeconds(120), options.RequestTimeout);
        Assert.True(options.RespectRetryAfter);
    }

    [Fact]
    public void WithEnvironment_AllFourVariables_Override()
    {
        var environment = new Dictionary<string, string>
        {
            ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "3",
            ["MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR"] = "1",
            ["MLFLOW_HTTP_REQUEST_BACKOFF_JITTER"] = "0.25",
            ["MLFLOW_HTTP_REQUEST_TIMEOUT"] = "30",
        };

        var options = new MlflowHttpOptions().WithEnvironment(environment.GetValueOrDefault);

        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BackoffFactor);
        Assert.Equal(TimeSpan.FromSeconds(0.25), options.BackoffJitter);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
    }

    [Theory]
    [InlineData("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "many")]
    [InlineData("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "-1")]
    [InlineData("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "2.5")]
    [InlineData("MLFLOW_HTTP_REQUEST_TIMEOUT", "soon")]
    public void WithEnvironment_Unparseable_NamesTheVariableAndValue(string name, string value)
    {
        var error = Assert.Throws<UsageException>(() => new MlflowHttpOptions().WithEnvironment(n => n == name ? value : null));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithEnvironment_RetriesAboveMlflowLimit_RejectedWithRange()
    {
        var error = Assert.Throws<UsageException>(() => new MlflowHttpOptions().WithEnvironment(n => n == "MLFLOW_HTTP_REQUEST_MAX_RETRIES" ? "11" : null));

        Assert.Contains("MaxRetries", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 to 10", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0.0, 0.0)]
    [InlineData(1, 0.0, 4.0)]
    [InlineData(2, 0.5, 8.5)]
    [InlineData(5, 0.0, 64.0)]
    [InlineData(6, 1.0, 120.0)]
    public void ComputeBackoff_Defaults_FollowUrllib3Schedule(int retryIndex, double uniform, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), MlflowHttpClient.ComputeBackoff(new MlflowHttpOptions(), retryIndex, uniform));
    }

    [Fact]
    public void Validate_CircuitThroughputBelowTwo_NamesTheSetting()
    {
        var error = Assert.Throws<UsageException>(() => new MlflowHttpOptions { CircuitMinimumThroughput = 1 }.Validate());

        Assert.Contains("CircuitMinimumThroughput", error.Message, StringComparison.Ordinal);
    }
}
