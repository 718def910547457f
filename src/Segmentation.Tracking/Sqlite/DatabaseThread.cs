namespace Segmentation.Tracking.Sqlite;

/// <summary>
/// Runs a store's database calls one at a time, in the order they were queued, on a thread of its own rather than on
/// the thread pool.
/// </summary>
/// <remarks>
/// <para>
/// SQLite's calls block. A commit writes the WAL, and about every thousand pages a commit also checkpoints it, with
/// fsyncs of milliseconds each (a 99-trial sweep makes nine). Another process's lock is waited out in the busy handler.
/// Run on the pool, each of these waits held one of its workers, and a 2-core machine has two, both running the
/// sweep's fits: a core idled behind the disk.
/// </para>
/// <para>
/// Here only this thread waits. The callers' continuations run on the pool, never on this thread. A call cancelled
/// before it starts is dropped; once started, it runs to its end.
/// </para>
/// <para>
/// The thread starts when work is queued and ends after <see cref="Linger"/> without any, so an idle or undisposed
/// store holds no thread.
/// </para>
/// </remarks>
internal sealed class DatabaseThread(string name)
{
    /// <summary>How long the thread waits for more work before it ends; a sweep's calls come milliseconds apart.</summary>
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(500);

    private readonly Queue<IWork> _queue = new();
    // A plain object, not a System.Threading.Lock: the idle thread waits on it with Monitor.Wait.
    private readonly object _lock = new();
    private bool _running;

    /// <summary>Queues <paramref name="body"/>; the task ends with its result or exception, or cancelled if it never started.</summary>
    public Task<T> RunAsync<T>(Func<T> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (cancellationToken.IsCancellationRequested)
        {
            // A cancelled task, not a throw: callers see a cancellation where they await, as from any async method.
            return Task.FromCanceled<T>(cancellationToken);
        }

        var work = new Work<T>(body, cancellationToken);
        lock (_lock)
        {
            _queue.Enqueue(work);
            if (_running)
            {
                Monitor.Pulse(_lock);
            }
            else
            {
                _running = true;
                new Thread(Drain) { IsBackground = true, Name = name }.Start();
            }
        }

        return work.Task;
    }

    private void Drain()
    {
        while (true)
        {
            IWork work;
            lock (_lock)
            {
                while (_queue.Count == 0)
                {
                    if (!Monitor.Wait(_lock, Linger) && _queue.Count == 0)
                    {
                        _running = false;
                        return;
                    }
                }

                work = _queue.Dequeue();
            }

            work.Run();
        }
    }

    private interface IWork
    {
        void Run();
    }

    private sealed class Work<T> : IWork
    {
        private const int Queued = 0;
        private const int Started = 1;
        private const int Cancelled = 2;

        private readonly Func<T> _body;
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration _registration;
        private int _state;

        public Work(Func<T> body, CancellationToken cancellationToken)
        {
            _body = body;
            _registration = cancellationToken.Register(static (work, token) => ((Work<T>)work!).Cancel(token), this);
        }

        public Task<T> Task => _done.Task;

        public void Run()
        {
            _registration.Dispose();
            if (Interlocked.CompareExchange(ref _state, Started, Queued) != Queued)
            {
                return;
            }

            try
            {
                _done.SetResult(_body());
            }
            catch (Exception ex)
            {
                _done.SetException(ex);
            }
        }

        private void Cancel(CancellationToken token)
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
            {
                _done.SetCanceled(token);
            }
        }
    }
}
