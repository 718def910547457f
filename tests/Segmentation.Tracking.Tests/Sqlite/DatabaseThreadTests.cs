using Segmentation.Tracking.Sqlite;

namespace Segmentation.Tracking.Tests.Sqlite;

public sealed class DatabaseThreadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_ManyCalls_RunOneAtATimeInQueueOrderOnOneThreadOutsideThePool()
    {
        var thread = new DatabaseThread("test");
        using var release = new ManualResetEventSlim();
        var order = new List<int>();
        var threads = new HashSet<Thread>();
        var running = 0;
        var overlapped = false;
        int Body(int i)
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            if (i == 0)
            {
                Assert.True(release.Wait(Patience));
            }

            order.Add(i);
            threads.Add(Thread.CurrentThread);
            Assert.False(Thread.CurrentThread.IsThreadPoolThread);
            Interlocked.Decrement(ref running);
            return i * 10;
        }

        var calls = Enumerable.Range(0, 20).Select(i => thread.RunAsync(() => Body(i), CancellationToken.None)).ToList();
        release.Set();
        var results = await Task.WhenAll(calls).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * 10), results);
        Assert.Equal(Enumerable.Range(0, 20), order);
        Assert.False(overlapped);
        Assert.Single(threads);
    }

    [Fact]
    public async Task RunAsync_BodyThrows_TaskFaultsWithItsExceptionAndLaterCallsStillRun()
    {
        var thread = new DatabaseThread("test");
        var error = new InvalidOperationException("disk full");

        var failing = thread.RunAsync<int>(() => throw error, CancellationToken.None);
        var next = thread.RunAsync(() => 7, CancellationToken.None);

        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Patience)));
        Assert.Equal(7, await next.WaitAsync(Patience));
    }

    [Fact]
    public async Task RunAsync_CancelledWhileQueued_BodyNeverRunsAndTaskIsCancelled()
    {
        var thread = new DatabaseThread("test");
        using var release = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        using var cancellation = new CancellationTokenSource();
        var ran = false;

        var blocking = thread.RunAsync(
            () =>
            {
                started.Set();
                return release.Wait(Patience);
            },
            CancellationToken.None);
        Assert.True(started.Wait(Patience));
        var queued = thread.RunAsync(() => ran = true, cancellation.Token);
        await cancellation.CancelAsync();
        release.Set();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(Patience));
        Assert.True(await blocking.WaitAsync(Patience));
        Assert.Equal(1, await thread.RunAsync(() => 1, CancellationToken.None).WaitAsync(Patience));
        Assert.False(ran);
    }

    [Fact]
    public async Task RunAsync_CancelledOnceStarted_RunsToItsEnd()
    {
        var thread = new DatabaseThread("test");
        using var cancellation = new CancellationTokenSource();

        var call = thread.RunAsync(
            () =>
            {
                cancellation.Cancel();
                return "committed";
            },
            cancellation.Token);

        Assert.Equal("committed", await call.WaitAsync(Patience));
    }

    [Fact]
    public async Task RunAsync_TokenAlreadyCancelled_ReturnsACancelledTaskAndQueuesNothing()
    {
        var thread = new DatabaseThread("test");
        var ran = false;

        var call = thread.RunAsync(() => ran = true, new CancellationToken(canceled: true));

        Assert.True(call.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.False(ran);
    }

    [Fact]
    public async Task RunAsync_Continuation_RunsOffTheDatabaseThread()
    {
        var thread = new DatabaseThread("test");
        using var registered = new ManualResetEventSlim();

        // The body ends only once a continuation that asks to run inline is attached: it would run on the database thread
        // (and hold it) unless the task sends continuations to the pool.
        var call = thread.RunAsync(
            () =>
            {
                Assert.True(registered.Wait(Patience));
                return Thread.CurrentThread;
            },
            CancellationToken.None);
        var continuation = call.ContinueWith(_ => Thread.CurrentThread, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        registered.Set();

        Assert.NotSame(await call.WaitAsync(Patience), await continuation.WaitAsync(Patience));
    }

    [Fact]
    public async Task RunAsync_IdleAfterWork_ThreadEndsAndTheNextCallStartsAnother()
    {
        var thread = new DatabaseThread("test");
        var first = await thread.RunAsync(() => Thread.CurrentThread, CancellationToken.None).WaitAsync(Patience);

        Assert.True(SpinWait.SpinUntil(() => !first.IsAlive, Patience));
        var second = await thread.RunAsync(() => Thread.CurrentThread, CancellationToken.None).WaitAsync(Patience);

        Assert.NotSame(first, second);
    }
}
