using Segmentation.Serving.Sql;

namespace Segmentation.Serving.Scoring;

/// <summary>What a predict run did: the scoring, where it was written and how long each part took.</summary>
/// <param name="Result">The scoring.</param>
/// <param name="OutputFile">The file written (full path), or null.</param>
/// <param name="Sql">The database write, or null.</param>
/// <param name="LoadSeconds">Resolving and loading the model.</param>
/// <param name="ScoreSeconds">Reading the input, building features and scoring.</param>
/// <param name="WriteSeconds">Writing the outputs.</param>
public sealed record PredictOutcome(ScoringResult Result, string? OutputFile, SqlWriteResult? Sql, double LoadSeconds, double ScoreSeconds, double WriteSeconds);
