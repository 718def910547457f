using Segmentation.Core.Errors;

namespace Segmentation.Core.Tests.Errors;

public sealed class UsageExceptionTests
{
    [Fact]
    public void Kind_IsUsage_AndKeepsTheCause()
    {
        var cause = new FormatException("bad number");
        var error = new UsageException("--k: expected an integer, got 'x'", cause);

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.IsAssignableFrom<SegmentationException>(error);
        Assert.Same(cause, error.InnerException);
        Assert.Equal("--k: expected an integer, got 'x'", error.Message);
    }
}
