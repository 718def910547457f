namespace Segmentation.Runner.Planning.Tuning;

/// <summary>One rung of successive halving.</summary>
/// <param name="Index">0 for the first rung.</param>
/// <param name="Fraction">Share of the customers its trials fit on; 1 on the last rung.</param>
/// <param name="Trials">How many candidates it fits.</param>
public sealed record HalvingRung(int Index, double Fraction, int Trials);
