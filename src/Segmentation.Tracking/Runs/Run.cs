using Segmentation.Tracking.LoggedModels;

namespace Segmentation.Tracking.Runs;

/// <summary>A run: info, data and dataset inputs.</summary>
public sealed record Run(RunInfo Info, RunData Data, IReadOnlyList<DatasetInput> Inputs)
{
    /// <summary>The logged models recorded as this run's outputs (MLflow 3's <c>outputs.model_outputs</c>); empty on MLflow 2.</summary>
    public IReadOnlyList<ModelOutput> ModelOutputs { get; init; } = [];
}
