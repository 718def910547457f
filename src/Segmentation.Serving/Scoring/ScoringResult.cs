using Segmentation.Data.Features;
using Segmentation.Serving.Models;

namespace Segmentation.Serving.Scoring;

/// <summary>One scoring of a batch: the model, when, every scored customer's segment and score, and who was not scored.</summary>
/// <param name="Model">The model that scored.</param>
/// <param name="ScoredAt">When the batch was scored (UTC).</param>
/// <param name="Batch">The input and its customers.</param>
/// <param name="Customers">The scored customers' features, row-aligned with <paramref name="Scores"/>.</param>
/// <param name="Scores">Segment and score per scored customer.</param>
/// <param name="Unscored">Every input customer without a segment, with the reason.</param>
public sealed record ScoringResult(
    LoadedModel Model,
    DateTimeOffset ScoredAt,
    CustomerBatch Batch,
    CustomerFeatureTable Customers,
    SegmentScores Scores,
    IReadOnlyList<UnscoredCustomer> Unscored)
{
    /// <summary>Number of customers scored.</summary>
    public int Count => Customers.RowCount;

    /// <summary>
    /// Segment label → its top products (<see cref="Output.SegmentTopProducts"/>) when predict was asked for them
    /// (<c>--with-products</c>); the file writers then add a <c>top_products</c> column.
    /// </summary>
    public IReadOnlyDictionary<int, string>? TopProducts { get; init; }

    /// <summary>The top products of row <paramref name="row"/>'s segment, or empty (noise, a segment without products, or none asked for).</summary>
    public string TopProductsOf(int row) => TopProducts?.GetValueOrDefault(Scores.Segments[row]) ?? string.Empty;

    /// <summary>The segment name of row <paramref name="row"/>.</summary>
    public string SegmentName(int row) => SegmentNames.For(Scores.Segments[row], Model);
}
