using Segmentation.Serving.Scoring;

namespace Segmentation.Serving.Http;

/// <summary>A validated <c>POST /v1/segments</c> body: the customers to score and the order to answer in.</summary>
/// <param name="Batch">The customers, as the predict path reads them.</param>
/// <param name="Order">Customer ids in request order (first appearance for transactions).</param>
/// <param name="IdsAsText">Whether the request gave customer ids as JSON strings, so the response echoes them the same way.</param>
public sealed record ScoreRequest(CustomerBatch Batch, IReadOnlyList<long> Order, bool IdsAsText);
