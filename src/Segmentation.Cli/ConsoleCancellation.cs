namespace Segmentation.Cli;

/// <summary>Turns the first Ctrl-C into one cancellation of the running verb, safe against the handler racing the verb's end.</summary>
/// <remarks>
/// The runtime raises <see cref="Console.CancelKeyPress"/> on its own thread, so a Ctrl-C can arrive while
/// <c>MainAsync</c> is already unsubscribing and disposing: cancelling a disposed source, or a cancellation callback that
/// touches a disposed HTTP client, used to throw on that thread and end the process with 134 instead of 130.
/// Here the first request wins (an interlocked flag, not a racy IsCancellationRequested check), the token source is
/// never disposed under a running handler, and callbacks run on the thread pool where their exceptions cannot kill the process.
/// </remarks>
public sealed class ConsoleCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly Lock _gate = new();
    private int _requested;
    private bool _disposed;

    /// <summary>The token the verb observes.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>
    /// Asks the verb to stop; true only for the first call, which is the one that cancels. Later calls (a second Ctrl-C)
    /// return false so the caller can let the runtime end the process; calls after <see cref="Dispose"/> do nothing.
    /// </summary>
    public bool RequestCancel()
    {
        if (Interlocked.Exchange(ref _requested, 1) != 0)
        {
            return false;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return true;
            }

            // CancelAsync runs the registered callbacks on the thread pool and captures what they throw in its task.
            _ = _source.CancelAsync().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }

        return true;
    }

    /// <summary>Handler for <see cref="Console.CancelKeyPress"/>: the first Ctrl-C is taken over, a second one ends the process.</summary>
    public void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (RequestCancel())
        {
            e.Cancel = true;
        }
    }

    /// <summary>Releases the token source once no handler can be using it.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _source.Dispose();
        }
    }
}
