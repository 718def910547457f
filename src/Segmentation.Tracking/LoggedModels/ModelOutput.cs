namespace Segmentation.Tracking.LoggedModels;

/// <summary>A logged model recorded as a run's output (<c>runs/outputs</c>; <c>run.outputs.model_outputs</c>, v3 fixture 122).</summary>
public sealed record ModelOutput(string ModelId, long Step);
