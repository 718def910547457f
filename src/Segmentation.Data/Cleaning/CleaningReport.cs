namespace Segmentation.Data.Cleaning;

/// <summary>Rows before and after cleaning and the rows each rule removed, in rule order.</summary>
public sealed record CleaningReport(long RowsIn, long RowsOut, IReadOnlyList<RuleOutcome> Rules)
{
    /// <summary>The outcome of one rule.</summary>
    public RuleOutcome this[CleaningRule rule] => Rules.First(r => r.Rule == rule);
}
