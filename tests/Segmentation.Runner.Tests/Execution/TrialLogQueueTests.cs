using Segmentation.Runner.Execution;

namespace Segmentation.Runner.Tests.Execution;

public sealed class TrialLogQueueTests
{
    [Fact]
    public async Task CompleteAsync_ItemsStillQueued_ReturnsOnlyAfterEveryOneRan()
    {
        var queue = new TrialLogQueue(capacity: 4, loggers: 2);
        var ran = 0;

        for (var i = 0; i < 20; i++)
        {
            await queue.EnqueueAsync(
                async () =>
                {
                    await Task.Delay(5);
                    Interlocked.Increment(ref ran);
                },
                CancellationToken.None);
        }

        await queue.CompleteAsync();

        Assert.Equal(20, ran);
    }

    [Fact]
    public async Task EnqueueAsync_QueueFull_WaitsUntilALoggerTakesAnItem()
    {
        var queue = new TrialLogQueue(capacity: 1, loggers: 1);
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        await queue.EnqueueAsync(
            async () =>
            {
                started.SetResult();
                await release.Task;
            },
            CancellationToken.None);
        await started.Task;
        // The logger is busy with the first item; the second fills the queue, so the third must wait for room.
        await queue.EnqueueAsync(() => Task.CompletedTask, CancellationToken.None);

        var third = queue.EnqueueAsync(() => Task.CompletedTask, CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        release.SetResult();
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        await queue.CompleteAsync();
    }

    [Fact]
    public async Task EnqueueAsync_CancelledWhileFull_ThrowsAndDoesNotQueueTheItem()
    {
        var queue = new TrialLogQueue(capacity: 1, loggers: 1);
        var release = new TaskCompletionSource();
        var ran = 0;
        await queue.EnqueueAsync(() => release.Task, CancellationToken.None);
        await queue.EnqueueAsync(() => Task.CompletedTask, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queue.EnqueueAsync(
            () =>
            {
                ran++;
                return Task.CompletedTask;
            },
            cancel.Token));

        release.SetResult();
        await queue.CompleteAsync();
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task CompleteAsync_OneItemThrew_RunsTheOthersThenThrowsItsError()
    {
        var queue = new TrialLogQueue(capacity: 2, loggers: 1);
        var ran = 0;
        await queue.EnqueueAsync(() => throw new IOException("disk full"), CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            await queue.EnqueueAsync(
                () =>
                {
                    ran++;
                    return Task.CompletedTask;
                },
                CancellationToken.None);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(queue.CompleteAsync);

        Assert.Equal(5, ran);
        Assert.IsType<IOException>(error.InnerException);
    }
}
