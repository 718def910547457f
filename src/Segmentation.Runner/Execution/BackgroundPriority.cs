using System.Runtime.InteropServices;

namespace Segmentation.Runner.Execution;

/// <summary>
/// Runs speculative work, such as <see cref="TrialWarmup"/>, on a thread that yields the cores to the sweep's own threads.
/// </summary>
/// <remarks>
/// While the data loads, the sweep runs its inflater, parser and cleaner threads, and the store opens, on two cores. A
/// warm-up thread of equal priority took an equal share of them. That slowed the parser, the stage the whole load
/// waits for. On Linux this thread's nice value is raised instead, so the scheduler gives it what the others leave
/// idle (its weight at nice 10 is a tenth of theirs). Lowering one's own priority needs no privilege. Elsewhere, and
/// if the call fails, the thread keeps the normal priority: the work is the same, only its share of the cores differs.
/// </remarks>
public static partial class BackgroundPriority
{
    /// <summary>The nice value given to the thread (Linux: −20 highest … 19 lowest, 0 normal).</summary>
    public const int Nice = 10;

    /// <summary>Starts <paramref name="work"/> on a thread of its own at background priority.</summary>
    /// <remarks>
    /// The task's continuations run on the thread pool, never inline on the lowered thread: an <c>await</c> on the
    /// task would otherwise go on at nice 10 for the rest of its method (CI caught a test's continuation there).
    /// </remarks>
    public static Task<T> Start<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Task.Factory.StartNew(
            () =>
            {
                LowerCurrentThread();
                return work();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning | TaskCreationOptions.RunContinuationsAsynchronously,
            TaskScheduler.Default);
    }

    // Gives the calling thread the nice value Nice; false where that is not supported or failed. Only on a thread that ends
    // with its work (a long-running task's, never a pool worker): the priority cannot be raised back without privilege.
    private static bool LowerCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            // On Linux setpriority(PRIO_PROCESS, tid) sets one thread's nice value, not the whole process's.
            return SetPriority(ProcessPriority, GetThreadId(), Nice) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private const int ProcessPriority = 0;

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
