namespace Segmentation.Runner.Configuration;

/// <summary>Ends an adaptive search after <paramref name="Patience"/> trials in a row that do not improve the best by more than <paramref name="MinDelta"/>.</summary>
/// <param name="Patience">Trials without improvement that end the search (<c>patience</c>).</param>
/// <param name="MinDelta">Smallest gain of the objective that counts as an improvement (<c>min_delta</c>), in the objective's units.</param>
public sealed record EarlyStopping(int Patience, double MinDelta);
