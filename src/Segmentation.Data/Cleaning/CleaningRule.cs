namespace Segmentation.Data.Cleaning;

/// <summary>The cleaning rules, in the order they run.</summary>
public enum CleaningRule
{
    /// <summary>1: drop rows with no customer id.</summary>
    MissingCustomer,

    /// <summary>2: drop exact duplicate rows (all eight fields equal), keeping the first.</summary>
    Duplicates,

    /// <summary>3: keep only product stock codes (matching the configured pattern).</summary>
    NonProductCodes,

    /// <summary>4: drop rows with unit price &lt;= 0.</summary>
    NonPositivePrice,

    /// <summary>5: keep cancellations as returns; drop other rows with quantity &lt;= 0.</summary>
    NonPositiveQuantity,
}
