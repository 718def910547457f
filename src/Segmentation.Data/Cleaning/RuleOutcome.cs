namespace Segmentation.Data.Cleaning;

/// <summary>What one cleaning rule did.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Enabled">False when switched off in params.yaml (then nothing was removed).</param>
/// <param name="RowsRemoved">Rows this rule removed from those the earlier rules left.</param>
public sealed record RuleOutcome(CleaningRule Rule, bool Enabled, long RowsRemoved)
{
    /// <summary>A short description for reports.</summary>
    public string Description => Rule switch
    {
        CleaningRule.MissingCustomer => "no customer id",
        CleaningRule.Duplicates => "exact duplicate rows",
        CleaningRule.NonProductCodes => "non-product stock codes",
        CleaningRule.NonPositivePrice => "unit price <= 0",
        CleaningRule.NonPositiveQuantity => "quantity <= 0 (not a cancellation)",
        _ => Rule.ToString(),
    };
}
