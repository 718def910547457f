namespace Segmentation.Serving.Scoring;

/// <summary>A customer in the input that got no segment, and why.</summary>
/// <param name="CustomerId">The customer id.</param>
/// <param name="Reason">Why it could not be scored.</param>
public sealed record UnscoredCustomer(long CustomerId, string Reason);
