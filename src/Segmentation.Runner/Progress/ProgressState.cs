using Segmentation.Runner.Configuration;
using Segmentation.Runner.Execution;

namespace Segmentation.Runner.Progress;

/// <summary>Counts completed trials, tracks the best so far and reports snapshots to an observer (thread-safe).</summary>
internal sealed class ProgressState
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly long _started;
    private readonly int _total;
    private readonly int _skipped;
    private readonly SweepConfig _config;
    private readonly ISweepObserver _observer;
    private int _executed;
    private string? _bestName;
    private double _bestValue = double.NaN;

    public ProgressState(TimeProvider clock, long started, int total, int skipped, SweepConfig config, ISweepObserver observer)
    {
        _clock = clock;
        _started = started;
        _total = total;
        _skipped = skipped;
        _config = config;
        _observer = observer;
    }

    /// <summary>Trials finished now.</summary>
    public int Ran { get; private set; }

    /// <summary>Trials failed now.</summary>
    public int Failed { get; private set; }

    /// <summary>Records one completed trial and notifies the observer.</summary>
    public void Completed(TrialOutcome outcome)
    {
        lock (_gate)
        {
            _executed++;
            if (outcome.Status == TrialStatus.Finished)
            {
                Ran++;
                var objective = _config.Objective;
                if (outcome.Metrics.TryGetValue(objective.Metric, out var value)
                    && _config.Constraints.Violations(outcome.Metrics).Count == 0
                    && objective.IsBetter(value, _bestValue))
                {
                    _bestValue = value;
                    _bestName = outcome.Trial.RunName;
                }
            }
            else if (outcome.Status == TrialStatus.Failed)
            {
                Failed++;
            }

            var elapsed = _clock.GetElapsedTime(_started);
            var done = _skipped + _executed;
            TimeSpan? eta = _executed == 0 ? null : elapsed / _executed * (_total - done);
            _observer.TrialCompleted(outcome, new SweepProgress(done, _total, Failed, _skipped, elapsed, eta, _bestName, _bestValue));
        }
    }
}
