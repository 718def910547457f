using System.Globalization;
using Segmentation.Runner.Execution;

namespace Segmentation.Runner.Tests.Execution;

public sealed class BackgroundPriorityTests
{
    [Fact]
    public async Task Start_OnLinux_RunsTheWorkOnItsOwnThreadAtTheBackgroundNiceValueLeavingTheCallersAlone()
    {
        var caller = Environment.CurrentManagedThreadId;
        var callerStat = ThreadStatPath();
        var callerNice = Nice(callerStat);

        // With no synchronisation context, and the work held until the await below has registered its continuation, a
        // task that ran its continuations inline would resume this method on the lowered thread.
        SynchronizationContext.SetSynchronizationContext(null);
        using var registered = new ManualResetEventSlim();
        var started = BackgroundPriority.Start(() =>
        {
            registered.Wait(TimeSpan.FromSeconds(10));
            return (Nice(ThreadStatPath()), Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread);
        });
        _ = Task.Delay(100).ContinueWith(_ => registered.Set(), TaskScheduler.Default);

        var (nice, thread, pooled) = await started;

        Assert.NotEqual(caller, thread);
        Assert.False(pooled);
        // The continuation is not on the lowered thread (it would go on at nice 10), and only that thread was lowered:
        // the caller's thread, read by its id wherever this continuation runs, keeps its priority.
        Assert.NotEqual(thread, Environment.CurrentManagedThreadId);
        Assert.Equal(callerNice, Nice(callerStat));
        if (OperatingSystem.IsLinux() && callerNice <= BackgroundPriority.Nice)
        {
            Assert.Equal(BackgroundPriority.Nice, nice);
        }
    }

    [Fact]
    public async Task Start_WorkThrows_TaskFaultsWithIt()
    {
        var error = new InvalidOperationException("warm-up failed");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => BackgroundPriority.Start<int>(() => throw error));

        Assert.Same(error, thrown);
    }

    // The calling thread's own stat file, by its kernel thread id, so it can be read again from any thread.
    private static string? ThreadStatPath() =>
        OperatingSystem.IsLinux() ? $"/proc/self/task/{File.ReadAllText("/proc/thread-self/stat").Split(' ')[0]}/stat" : null;

    // Field 19 of a thread's stat file is its nice value (after the parenthesised command name); 0 off Linux.
    private static int Nice(string? statPath)
    {
        if (statPath is null)
        {
            return 0;
        }

        var stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }
}
