using Segmentation.Data.Pipeline;
using Segmentation.Runner.Configuration;
using Segmentation.Tracking.Models;

namespace Segmentation.Runner.Recording;

/// <summary>Logs <c>model/training_params.json</c>: the data params a trial's model was trained with, for predict and serve.</summary>
public static class TrainingParamsArtifact
{
    /// <summary>The artifact path inside the run.</summary>
    public const string ArtifactPath = ModelFolder.ArtifactPath + "/" + TrainingParams.FileName;

    /// <summary>The training params of a sweep's recording.</summary>
    public static TrainingParams Of(SweepRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        return TrainingParams.FromConfig(recording.Config.Effective, m => EffectiveConfigWriter.ToYaml(m, withSources: false), recording.Data.FeatureNames);
    }

    /// <summary>Uploads the params into the run's model folder; called before the folder's MLmodel, which is written last.</summary>
    public static Task UploadAsync(SweepRecording recording, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recording);
        return RunArtifacts.UploadTextAsync(recording.Store, runId, ArtifactPath, Of(recording).ToJson(), cancellationToken);
    }
}
