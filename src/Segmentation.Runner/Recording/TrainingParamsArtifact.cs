using Segmentation.Data.Pipeline;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Recording;

/// <summary><c>training_params.json</c>: the data params a trial's model was trained with, for predict and serve (a model folder attachment).</summary>
public static class TrainingParamsArtifact
{
    /// <summary>The training params of a sweep's recording.</summary>
    public static TrainingParams Of(SweepRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        return TrainingParams.FromConfig(recording.Config.Effective, m => EffectiveConfigWriter.ToYaml(m, withSources: false), recording.Data.FeatureNames, recording.Data.ReferenceDate);
    }
}
