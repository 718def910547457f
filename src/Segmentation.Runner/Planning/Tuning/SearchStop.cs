namespace Segmentation.Runner.Planning.Tuning;

/// <summary>Why an adaptive search stopped proposing.</summary>
public enum SearchStop
{
    /// <summary>The sweep holds <c>max_trials</c> trials.</summary>
    TrialBudget,

    /// <summary><c>time_budget</c> ran out (the batch under way was finished).</summary>
    TimeBudget,

    /// <summary><c>patience</c> trials in a row did not improve the best by more than <c>min_delta</c>.</summary>
    Patience,

    /// <summary>Every candidate has been tried.</summary>
    Exhausted,
}
