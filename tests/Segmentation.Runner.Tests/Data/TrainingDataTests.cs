using Segmentation.Runner.Data;

namespace Segmentation.Runner.Tests.Data;

/// <summary>The dataset source a run logs is the input as this invocation gave it.</summary>
public sealed class TrainingDataTests
{
    [Fact]
    public void SourceAsGiven_RelativeInput_StaysRelativeWithForwardSlashes()
    {
        var cwd = Path.Combine(Path.GetTempPath(), "seg-cwd");

        Assert.Equal("data/online_retail.csv.gz", TrainingData.SourceAsGiven("data/online_retail.csv.gz", cwd));
        Assert.Equal("data/x.csv", TrainingData.SourceAsGiven("./data/../data/x.csv", cwd));
    }

    [Fact]
    public void SourceAsGiven_AbsoluteInsideWorkingDirectory_IsMadeRelative()
    {
        var cwd = Path.Combine(Path.GetTempPath(), "seg-cwd");

        Assert.Equal("in/t.csv", TrainingData.SourceAsGiven(Path.Combine(cwd, "in", "t.csv"), cwd));
    }

    [Fact]
    public void SourceAsGiven_OutsideWorkingDirectory_IsAbsolute()
    {
        var cwd = Path.Combine(Path.GetTempPath(), "seg-cwd");
        var outside = Path.Combine(Path.GetTempPath(), "elsewhere", "t.csv");

        Assert.Equal(outside, TrainingData.SourceAsGiven(outside, cwd));
    }
}
