namespace Segmentation.Monitoring.Drift;

/// <summary>One segment on both sides: customers, share and profile (feature means) in training and in the new batch.</summary>
/// <param name="Segment">Segment id (−1 = noise).</param>
/// <param name="Name">The model's name for it.</param>
/// <param name="TrainingCount">Training customers the model puts in it.</param>
/// <param name="TrainingShare">Their share of the training customers.</param>
/// <param name="CurrentCount">New customers the model puts in it.</param>
/// <param name="CurrentShare">Their share of the scored new customers.</param>
/// <param name="TrainingProfile">Mean of each profiled feature over its training customers (empty when it has none).</param>
/// <param name="CurrentProfile">Mean of each profiled feature over its new customers (empty when it has none).</param>
public sealed record SegmentShare(
    int Segment,
    string Name,
    int TrainingCount,
    double TrainingShare,
    int CurrentCount,
    double CurrentShare,
    IReadOnlyDictionary<string, double> TrainingProfile,
    IReadOnlyDictionary<string, double> CurrentProfile);
