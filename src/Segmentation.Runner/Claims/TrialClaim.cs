namespace Segmentation.Runner.Claims;

/// <summary>The decision on one trial, with the run it concerns.</summary>
/// <param name="Outcome">Claimed, already finished, or held by another process.</param>
/// <param name="RunId">Our RUNNING run when claimed; the other process's run otherwise.</param>
public sealed record TrialClaim(TrialClaimOutcome Outcome, string RunId);
