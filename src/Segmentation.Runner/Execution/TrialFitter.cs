using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Execution;

/// <summary>Fits a trial's algorithm on its preprocessed matrix — single-threaded, seeded from the trial only.</summary>
public static class TrialFitter
{
    /// <summary>Fits <paramref name="trial"/> with its algorithm's descriptor; errors propagate (the executor logs the trial FAILED).</summary>
    public static FitResult Fit(Trial trial, PreprocessedData data)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.Options.Descriptor.Fit(trial.Options, trial.Seed, data);
    }
}
