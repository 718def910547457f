using System.Text.RegularExpressions;
using Segmentation.Data.Configuration;

namespace Segmentation.Data.Cleaning;

/// <summary>The cleaning rules of params.yaml <c>cleaning:</c>; every rule is on by default.</summary>
public sealed record CleaningOptions
{
    /// <summary>Default stock code pattern: five leading digits (drops POST, D, M, C2, DOT, BANK CHARGES, AMAZONFEE…).</summary>
    public const string DefaultStockCodePattern = @"^\d{5}";

    /// <summary>The params.yaml keys of this section.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "drop_missing_customer", "drop_duplicates", "product_codes_only", "stock_code_pattern",
        "drop_non_positive_price", "drop_non_positive_quantity", "cancellation_prefix",
    ];

    /// <summary>Rule 1: drop rows with no customer id. <value>Default true.</value></summary>
    public bool DropMissingCustomer { get; init; } = true;

    /// <summary>Rule 2: drop exact duplicate rows. <value>Default true.</value></summary>
    public bool DropDuplicates { get; init; } = true;

    /// <summary>Rule 3: keep only stock codes matching <see cref="StockCodePattern"/>. <value>Default true.</value></summary>
    public bool ProductCodesOnly { get; init; } = true;

    /// <summary>Regular expression a product stock code matches. <value>Default <c>^\d{5}</c>.</value></summary>
    public string StockCodePattern { get; init; } = DefaultStockCodePattern;

    /// <summary>Rule 4: drop rows with unit price &lt;= 0. <value>Default true.</value></summary>
    public bool DropNonPositivePrice { get; init; } = true;

    /// <summary>Rule 5: drop non-cancellation rows with quantity &lt;= 0. <value>Default true.</value></summary>
    public bool DropNonPositiveQuantity { get; init; } = true;

    /// <summary>An invoice starting with this text is a cancellation (a return). <value>Default <c>C</c>.</value></summary>
    public string CancellationPrefix { get; init; } = "C";

    /// <summary>Whether an invoice number is a cancellation.</summary>
    public bool IsCancellation(string invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return invoice.StartsWith(CancellationPrefix, StringComparison.Ordinal);
    }

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(CancellationPrefix))
        {
            throw new ConfigException("cleaning.cancellation_prefix must not be empty");
        }

        try
        {
            _ = new Regex(StockCodePattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException($"cleaning.stock_code_pattern is not a valid regular expression: {ex.Message}", ex);
        }
    }

    /// <summary>Reads the <c>cleaning:</c> section; unknown keys and bad values fail with file, line and key path.</summary>
    public static CleaningOptions Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        section.RejectUnknownKeys([.. Keys]);
        var d = new CleaningOptions();
        var pattern = section.GetScalar("stock_code_pattern");
        if (pattern is not null)
        {
            try
            {
                _ = new Regex(pattern.Text, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                throw pattern.Error($"expected a regular expression: {ex.Message}");
            }
        }

        var prefix = section.GetScalar("cancellation_prefix");
        if (prefix is not null && prefix.Text.Length == 0)
        {
            throw prefix.Error("expected a non-empty invoice prefix");
        }

        return new CleaningOptions
        {
            DropMissingCustomer = section.GetBool("drop_missing_customer", d.DropMissingCustomer),
            DropDuplicates = section.GetBool("drop_duplicates", d.DropDuplicates),
            ProductCodesOnly = section.GetBool("product_codes_only", d.ProductCodesOnly),
            StockCodePattern = pattern?.Text ?? d.StockCodePattern,
            DropNonPositivePrice = section.GetBool("drop_non_positive_price", d.DropNonPositivePrice),
            DropNonPositiveQuantity = section.GetBool("drop_non_positive_quantity", d.DropNonPositiveQuantity),
            CancellationPrefix = prefix?.Text ?? d.CancellationPrefix,
        };
    }
}
