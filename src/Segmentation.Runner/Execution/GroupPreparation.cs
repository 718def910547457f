using Segmentation.Runner.Data;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Execution;

/// <summary>
/// The preprocessing one group of trials shares: fitted by the first of its trials this process claims (a group held
/// entirely elsewhere costs no fit) and let go once its last trial is done, so a sweep that runs straight across group
/// boundaries keeps only the groups still in flight in memory.
/// </summary>
public sealed class GroupPreparation
{
    private Lazy<(PreprocessedData? Data, Exception? Error)>? _fitted;
    private int _trialsLeft;

    /// <summary>Prepares <paramref name="key"/> on <paramref name="data"/>'s features for <paramref name="trials"/> trials.</summary>
    public GroupPreparation(PreprocessingKey key, TrainingData data, SweepPhases phases, int trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        _trialsLeft = trials;
        _fitted = new Lazy<(PreprocessedData? Data, Exception? Error)>(() =>
        {
            var phase = phases.Start();
            try
            {
                return (PreprocessedData.Fit(key, data.Features, data.FeatureNames), null);
            }
            catch (ArgumentException ex)
            {
                // Bad input for this setting fails the group's trials, each with this error, not the sweep.
                return (null, ex);
            }
            finally
            {
                phases.Stop(SweepPhase.Preprocessing, phase);
            }
        });
    }

    /// <summary>True once every trial has reported <see cref="TrialDone"/> and the fitted data was let go.</summary>
    public bool Released => Volatile.Read(ref _fitted) is null;

    /// <summary>The fitted data (or why it could not be fitted), fitting it on the first call.</summary>
    public (PreprocessedData? Data, Exception? Error) Get() =>
        (Volatile.Read(ref _fitted) ?? throw new InvalidOperationException("every trial of this group has already finished")).Value;

    /// <summary>One trial of the group is done (finished, failed or held elsewhere); after the last, the data is let go.</summary>
    public void TrialDone()
    {
        var left = Interlocked.Decrement(ref _trialsLeft);
        if (left < 0)
        {
            throw new InvalidOperationException("more trials reported done than the group has");
        }

        if (left == 0)
        {
            Volatile.Write(ref _fitted, null);
        }
    }
}
