using Segmentation.Runner.SingleFit;

namespace Segmentation.Serving.Tests.Fixtures;

/// <summary>A model fitted on the shipped data, logged and registered as version 1 of <paramref name="Name"/>.</summary>
public sealed record TrainedModel(string Name, string RunId, SingleFitResult Fit);
