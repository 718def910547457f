namespace Segmentation.Tracking.Runs;

/// <summary>A run: info, data and dataset inputs.</summary>
public sealed record Run(RunInfo Info, RunData Data, IReadOnlyList<DatasetInput> Inputs);
