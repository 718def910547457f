using System.Threading.Channels;
using Segmentation.Runner.Recording;

namespace Segmentation.Runner.Execution;

/// <summary>
/// A bounded queue of trial finishes (metrics, note, model folder, FINISHED) run by background loggers, so a worker goes
/// on to its next fit while its last trial's requests are in flight: logging never serialises the fits. When the queue is
/// full the worker waits for room, which bounds the results held in memory. <see cref="CompleteAsync"/> flushes and awaits
/// every queued finish; the sweep calls it before it ranks the trials and closes the parent run.
/// </summary>
/// <remarks>A queued item handles its own errors (a failed finish is a failed trial); an item that throws anyway is
/// kept and rethrown by <see cref="CompleteAsync"/> after the rest ran, so no queued run is left unfinished.</remarks>
public sealed class TrialLogQueue
{
    private readonly Channel<Func<Task>> _channel;
    private readonly Task[] _loggers;
    private Exception? _error;

    /// <summary>Starts <paramref name="loggers"/> background loggers over a queue of <paramref name="capacity"/> items.</summary>
    public TrialLogQueue(int capacity, int loggers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(loggers, 1);
        _channel = Channel.CreateBounded<Func<Task>>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = loggers == 1 });
        _loggers = [.. Enumerable.Range(0, loggers).Select(_ => Task.Run(LogAsync))];
    }

    /// <summary>Queues one finish, waiting while the queue is full; cancelled only while waiting (the item is then not queued).</summary>
    public ValueTask EnqueueAsync(Func<Task> finish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finish);
        return _channel.Writer.WriteAsync(finish, cancellationToken);
    }

    /// <summary>
    /// Queues the finish of a fitted trial: when it has run, <paramref name="completed"/> gets the trial FINISHED, or FAILED
    /// with the reason if logging it failed (the run is then closed FAILED); a finish cancelled by Ctrl-C closes its run
    /// KILLED and reports nothing. If the wait for room is cancelled the run is closed KILLED here and the cancellation thrown.
    /// </summary>
    public async Task EnqueueFinishAsync(TrialRecorder recorder, string runId, TrialResult result, Action<TrialOutcome> completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(completed);
        // The trial ended now; the run's Duration must not include the time it waited in the queue.
        var endTimeMs = recorder.NowMs;
        try
        {
            await EnqueueAsync(() => FinishAsync(recorder, runId, result, endTimeMs, completed, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            await recorder.KillAsync(runId, ex).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Accepts no more items, waits until every queued finish has run, then rethrows the first unexpected error.</summary>
    public async Task CompleteAsync()
    {
        _channel.Writer.TryComplete();
        await Task.WhenAll(_loggers).ConfigureAwait(false);
        if (_error is { } error)
        {
            throw new InvalidOperationException("a queued trial finish failed: " + error.Message, error);
        }
    }

    private static async Task FinishAsync(
        TrialRecorder recorder, string runId, TrialResult result, long endTimeMs, Action<TrialOutcome> completed, CancellationToken cancellationToken)
    {
        try
        {
            await recorder.FinishAsync(runId, result, endTimeMs, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // FinishAsync closed the run KILLED; the sweep sees the cancellation on its own token.
            return;
        }
        catch (Exception ex)
        {
            // FinishAsync closed the run FAILED; the other trials go on, as after a failed fit.
            completed(new TrialOutcome(result.Trial, TrialStatus.Failed, runId, new Dictionary<string, double>(), "logging the trial failed: " + ex.Message));
            return;
        }

        completed(new TrialOutcome(result.Trial, TrialStatus.Finished, runId, result.Metrics, null));
    }

    private async Task LogAsync()
    {
        await foreach (var finish in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await finish().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Keep draining: the other queued runs must still be closed.
                Interlocked.CompareExchange(ref _error, ex, null);
            }
        }
    }
}
