namespace Segmentation.Runner.Planning.Tuning;

/// <summary>One observed (or pending) candidate of an adaptive search.</summary>
/// <param name="Candidate">The candidate's index in the <see cref="TuningSpace"/>.</param>
/// <param name="Score">The objective oriented so that higher is better; null when the trial is not eligible (a constraint
/// failed, no objective) or is still pending, which ranks it below every scored one.</param>
public sealed record TpeObservation(int Candidate, double? Score);
