using System.Globalization;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Validation;

namespace Segmentation.Tracking.Tests.Validation;

public sealed class TrackingValidationTests
{
    private static List<Param> Params(int n) => Enumerable.Range(0, n).Select(i => new Param("p" + i.ToString(CultureInfo.InvariantCulture), "v")).ToList();

    private static List<RunTag> Tags(int n) => Enumerable.Range(0, n).Select(i => new RunTag("t" + i.ToString(CultureInfo.InvariantCulture), "v")).ToList();

    private static List<Metric> Metrics(int n) => Enumerable.Range(0, n).Select(i => new Metric("m", i, 0, i)).ToList();

    [Theory]
    [InlineData("silhouette")]
    [InlineData("pca.components")]
    [InlineData("per_k/inertia")]
    [InlineData("min cluster-fraction")]
    [InlineData("mlflow.runName")]
    public void ValidateKey_MlflowValidNames_Accepted(string key) => TrackingValidation.ValidateKey("metric", key);

    [Theory]
    [InlineData("a*b")]
    [InlineData("a:b")]
    [InlineData("../x")]
    [InlineData("/x")]
    [InlineData("x/")]
    [InlineData("a/./b")]
    [InlineData(".")]
    public void ValidateKey_BadCharactersOrPathLikeNames_Refused(string key)
    {
        var ex = Assert.Throws<InvalidParameterException>(() => TrackingValidation.ValidateKey("metric", key));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateParam_Over6000Characters_RefusedNamingKeyAndLimit()
    {
        var ex = Assert.Throws<InvalidParameterException>(() => TrackingValidation.ValidateParam(new Param("config_yaml", new string('x', 6001))));

        Assert.Contains("config_yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("6000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateAndChunk_WithinLimits_OneChunk()
    {
        var chunks = TrackingValidation.ValidateAndChunk(Metrics(800), Params(100), Tags(100));

        var chunk = Assert.Single(chunks);
        Assert.Equal((800, 100, 100), (chunk.Metrics.Count, chunk.Params.Count, chunk.Tags.Count));
    }

    [Fact]
    public void ValidateAndChunk_OverLimits_EveryChunkWithinMlflowLimitsAndNothingLost()
    {
        var chunks = TrackingValidation.ValidateAndChunk(Metrics(2500), Params(250), Tags(150));

        Assert.All(chunks, c =>
        {
            Assert.InRange(c.Metrics.Count, 0, 1000);
            Assert.InRange(c.Params.Count, 0, 100);
            Assert.InRange(c.Tags.Count, 0, 100);
            Assert.InRange(c.Metrics.Count + c.Params.Count + c.Tags.Count, 1, 1000);
        });
        Assert.Equal(2500, chunks.Sum(c => c.Metrics.Count));
        Assert.Equal(250, chunks.Sum(c => c.Params.Count));
        Assert.Equal(150, chunks.Sum(c => c.Tags.Count));
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => (double)i), chunks.SelectMany(c => c.Metrics).Select(m => m.Value));
    }

    [Fact]
    public void ValidateAndChunk_Empty_NoChunks()
    {
        Assert.Empty(TrackingValidation.ValidateAndChunk(null, null, null));
    }

    [Fact]
    public void ValidateAndChunk_SameParamTwice_SentOnce_DifferentValuesRefused()
    {
        Assert.Single(Assert.Single(TrackingValidation.ValidateAndChunk(null, [new Param("k", "3"), new Param("k", "3")], null)).Params);
        Assert.Throws<InvalidParameterException>(() => TrackingValidation.ValidateAndChunk(null, [new Param("k", "3"), new Param("k", "4")], null));
    }

    [Fact]
    public void ValidateAndChunk_SameTagTwice_LastValueWins()
    {
        var tag = Assert.Single(Assert.Single(TrackingValidation.ValidateAndChunk(null, null, [new RunTag("t", "1"), new RunTag("t", "2")])).Tags);

        Assert.Equal("2", tag.Value);
    }
}
