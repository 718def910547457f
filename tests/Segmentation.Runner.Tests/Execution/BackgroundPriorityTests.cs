using System.Globalization;
using Segmentation.Runner.Execution;

namespace Segmentation.Runner.Tests.Execution;

public sealed class BackgroundPriorityTests
{
    [Fact]
    public async Task Start_OnLinux_RunsTheWorkOnItsOwnThreadAtTheBackgroundNiceValueLeavingTheCallersAlone()
    {
        var caller = Environment.CurrentManagedThreadId;
        var callerNice = OwnNice();

        var (nice, thread, pooled) = await BackgroundPriority.Start(() => (OwnNice(), Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread))
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotEqual(caller, thread);
        Assert.False(pooled);
        // Only that thread was lowered: the caller (and so the process) keeps its priority.
        Assert.Equal(callerNice, OwnNice());
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

    // Field 19 of /proc/thread-self/stat is the calling thread's nice value (after the parenthesised command name).
    private static int OwnNice()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }
}
