namespace Segmentation.Cli.Tests;

/// <summary>Ctrl-C handling: once, and never an exception on the runtime's signal thread.</summary>
public sealed class ConsoleCancellationTests
{
    [Fact]
    public async Task RequestCancel_CalledTwice_CancelsOnceAndOnlyTheFirstCallWins()
    {
        using var cancellation = new ConsoleCancellation();
        var callbacks = 0;
        using var registration = cancellation.Token.Register(() => Interlocked.Increment(ref callbacks));

        Assert.True(cancellation.RequestCancel());
        Assert.False(cancellation.RequestCancel());

        await WaitUntilAsync(() => Volatile.Read(ref callbacks) == 1);
        Assert.True(cancellation.Token.IsCancellationRequested);
        Assert.Equal(1, callbacks);
    }

    [Fact]
    public async Task RequestCancel_ManyThreadsAtOnce_ExactlyOneWins()
    {
        using var cancellation = new ConsoleCancellation();
        using var start = new Barrier(8);
        var wins = 0;

        var threads = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            if (cancellation.RequestCancel())
            {
                Interlocked.Increment(ref wins);
            }
        }));
        await Task.WhenAll(threads);

        Assert.Equal(1, wins);
    }

    [Fact]
    public void RestSweepCtrlC_ExitedWith134_ObjectDisposedExceptionFromTheCancelHandler()
    {
        // The verb finished and MainAsync disposed the source while the runtime was still delivering the Ctrl-C.
        var cancellation = new ConsoleCancellation();
        cancellation.Dispose();

        var exception = Record.Exception(() => cancellation.RequestCancel());

        Assert.Null(exception);
    }

    [Fact]
    public async Task RequestCancel_CallbackTouchesDisposedObject_DoesNotThrowOnTheHandlerThread()
    {
        using var cancellation = new ConsoleCancellation();
        var disposed = new HttpClient();
        disposed.Dispose();
        var ran = 0;
        using var registration = cancellation.Token.Register(() =>
        {
            Interlocked.Increment(ref ran);
            disposed.CancelPendingRequests();
        });

        var exception = Record.Exception(() => cancellation.RequestCancel());

        Assert.Null(exception);
        await WaitUntilAsync(() => Volatile.Read(ref ran) == 1);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
