using System.Text.Json.Nodes;

namespace Segmentation.Serving.Http;

/// <summary>One segment of the served model as <c>GET /v1/model</c> lists it.</summary>
/// <param name="Segment">Segment id (−1 = noise).</param>
/// <param name="Name">Its name.</param>
/// <param name="Size">Training customers in it.</param>
/// <param name="Share">Its share of the training customers.</param>
/// <param name="Profile">The rest of its profile (description, revenue share, RFM, feature statistics), as the model folder records it.</param>
public sealed record ModelSegment(int Segment, string Name, long Size, double Share, JsonObject Profile);
