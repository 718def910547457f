namespace Segmentation.Serving.Scoring;

/// <summary>What <c>segment predict</c> was asked to do.</summary>
/// <param name="Model">The <c>--model</c> reference text.</param>
/// <param name="Input">The input file (transactions or customer table).</param>
/// <param name="ReferenceDate">Null = auto.</param>
/// <param name="OutputFile">A .csv or .parquet file to write, or null.</param>
/// <param name="SqlTarget">A <c>--to</c> database URI, or null.</param>
/// <param name="WithFeatures">Add the features to the file output.</param>
public sealed record PredictRequest(string Model, string Input, DateOnly? ReferenceDate, string? OutputFile, string? SqlTarget, bool WithFeatures)
{
    /// <summary>
    /// Build features at the model's training reference date (<see cref="Models.LoadedModel.TrainingReferenceDate"/>) instead of
    /// <see cref="ReferenceDate"/>, so the training transactions give exactly the training features whatever the batch holds.
    /// </summary>
    public bool AtTrainingReferenceDate { get; init; }

    /// <summary>Add each customer's segment's top products (by lift, from the model's <c>segment_products.csv</c>) to the file output.</summary>
    public bool WithProducts { get; init; }

    /// <summary>Segment name overrides per model version (params.yaml <c>segments.names</c>); the scored version's apply.</summary>
    public Tracking.Models.SegmentNameOverrides? SegmentNames { get; init; }
}
