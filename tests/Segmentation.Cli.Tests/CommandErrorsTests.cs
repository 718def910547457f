using System.CommandLine;
using Segmentation.Core.Errors;
using Segmentation.Data.Configuration;
using Segmentation.Data.Ingestion;
using Segmentation.Data.Versioning;
using Segmentation.Parquet;
using Segmentation.Runner.Promotion;
using Segmentation.Runner.Selection;
using Segmentation.Tracking.Errors;

namespace Segmentation.Cli.Tests;

public sealed class CommandErrorsTests
{
    public static TheoryData<Exception, int> Family => new()
    {
        { new UsageException("--k: expected an integer"), ExitCodes.UsageOrDataError },
        { new ConfigException("bad key", "sweep.yaml", 3, 5, "search.k"), ExitCodes.UsageOrDataError },
        { new DataFormatException("bad price", "t.csv", 7, "UnitPrice", "x"), ExitCodes.UsageOrDataError },
        { new DatasetStoreException("unknown digest"), ExitCodes.UsageOrDataError },
        { new SelectionException("no experiment 'x'"), ExitCodes.UsageOrDataError },
        { new PromotionException("no model artifact"), ExitCodes.UsageOrDataError },
        { new ResourceNotFoundException("no run"), ExitCodes.UsageOrDataError },
        { new MlflowException("store failed"), ExitCodes.UsageOrDataError },
        { new TrackingUnreachableException("connection refused"), ExitCodes.TrackingUnreachable },
        { new ParquetException("truncated footer"), ExitCodes.UsageOrDataError },
        { new UnauthorizedAccessException("access to '/x' is denied"), ExitCodes.UsageOrDataError },
        { new IOException("no space left on device"), ExitCodes.UsageOrDataError },
    };

    public static TheoryData<Exception> Bugs => new()
    {
        new ArgumentNullException("value"),
        new ArgumentException("bad argument"),
        new InvalidOperationException("sequence contains no elements"),
        new NullReferenceException(),
        new FileNotFoundException("could not load file or assembly"),
        new InvalidDataException("bad"),
        new OperationCanceledException(),
    };

    [Theory]
    [MemberData(nameof(Family))]
    public void ExitCodeFor_UserFacingError_ItsKindsCode(Exception error, int expected) => Assert.Equal(expected, CommandErrors.ExitCodeFor(error));

    [Theory]
    [MemberData(nameof(Bugs))]
    public void ExitCodeFor_ExceptionOutsideTheFamily_InternalError(Exception error) => Assert.Equal(ExitCodes.InternalError, CommandErrors.ExitCodeFor(error));

    [Fact]
    public void ExitCodeFor_ServerUnreachableWhileClosingRunsAfterCtrlC_IsCancelled()
    {
        // Issue 11: after Ctrl-C the runs are closed over calls a dead server fails; the user stopped the verb (130), not 3.
        using var cancel = new CancellationTokenSource();
        var closing = new TrackingUnreachableException("MLflow server http://127.0.0.1:1/ is unreachable: POST /api/2.0/mlflow/runs/update failed");
        Assert.Equal(ExitCodes.TrackingUnreachable, CommandErrors.ExitCodeFor(closing, cancel.Token));
        cancel.Cancel();
        Assert.Equal(ExitCodes.Cancelled, CommandErrors.ExitCodeFor(closing, cancel.Token));
        Assert.Equal(ExitCodes.UsageOrDataError, CommandErrors.ExitCodeFor(new ConfigException("bad key"), cancel.Token));
    }

    [Theory]
    [InlineData(ErrorKind.Usage, 2)]
    [InlineData(ErrorKind.Config, 2)]
    [InlineData(ErrorKind.Data, 2)]
    [InlineData(ErrorKind.Tracking, 2)]
    [InlineData(ErrorKind.TrackingUnreachable, 3)]
    [InlineData(ErrorKind.GateFailed, 1)]
    public void ExitCodeFor_Kind_OneCodeEach(ErrorKind kind, int expected) => Assert.Equal(expected, CommandErrors.ExitCodeFor(kind));

    [Fact]
    public void ExitCodeFor_CancelledInvocationToken_Cancelled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.Equal(ExitCodes.Cancelled, CommandErrors.ExitCodeFor(new OperationCanceledException(cancel.Token), cancel.Token));
        Assert.Equal(ExitCodes.Cancelled, CommandErrors.ExitCodeFor(new TaskCanceledException("gone", null, cancel.Token)));
    }

    [Fact]
    public void ExitCodeFor_TimeoutWhileTheInvocationWasNotCancelled_NotMistakenForCtrlC()
    {
        using var invocation = new CancellationTokenSource();
        using var timeout = new CancellationTokenSource();
        timeout.Cancel();

        Assert.Equal(ExitCodes.InternalError, CommandErrors.ExitCodeFor(new TaskCanceledException("timed out", null, timeout.Token), invocation.Token));
    }

    [Fact]
    public async Task RunAsync_Bug_OneLineNamingTypeAndMessageNoStackTrace()
    {
        var (code, error) = await InvokeBoomAsync("boom");

        Assert.Equal(ExitCodes.InternalError, code);
        Assert.Equal(
            "internal error: System.InvalidOperationException: the bug (run again with --verbose or SEGMENTATION_DEBUG=1 for the stack trace)\n",
            error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task RunAsync_BugWithVerbose_AddsTheStackTrace()
    {
        var (code, error) = await InvokeBoomAsync("boom", "--verbose");

        Assert.Equal(ExitCodes.InternalError, code);
        Assert.StartsWith("internal error: System.InvalidOperationException: the bug", error, StringComparison.Ordinal);
        Assert.Contains("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UsageErrorWithVerbose_MessageThenTrace()
    {
        var (code, error) = await InvokeBoomAsync("usage", "--verbose");

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.StartsWith("error: --k: expected an integer", error, StringComparison.Ordinal);
        Assert.Contains("Segmentation.Core.Errors.UsageException", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ParseError_ExitsTwoWithErrorLines()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await SegmentCli.RunAsync(["sweep"], output, error);

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.StartsWith("error: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("sweep --help", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Version_ExitsZero()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(ExitCodes.Success, await SegmentCli.RunAsync(["version"], output, error));
        Assert.Equal(Segmentation.ToolVersion.Current, output.ToString().Trim());
    }

    private static async Task<(int Code, string Error)> InvokeBoomAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, TimeProvider.System, Path.GetTempPath());
        var root = SegmentCli.BuildRoot(context);
        var boom = new Command("boom");
        boom.SetAction((parse, ct) => CommandErrors.GuardAsync(context, () => throw new InvalidOperationException("the bug"), parse, ct));
        var usage = new Command("usage");
        usage.SetAction((parse, ct) => CommandErrors.GuardAsync(context, () => throw new UsageException("--k: expected an integer"), parse, ct));
        root.Subcommands.Add(boom);
        root.Subcommands.Add(usage);
        var code = await SegmentCli.InvokeAsync(root.Parse(args), output, error);
        return (code, error.ToString());
    }
}
