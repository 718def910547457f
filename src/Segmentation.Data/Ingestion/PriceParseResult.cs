namespace Segmentation.Data.Ingestion;

/// <summary>Outcome of parsing a unit price.</summary>
public enum PriceParseResult
{
    /// <summary>Parsed exactly.</summary>
    Ok,

    /// <summary>Not a plain decimal number.</summary>
    Invalid,

    /// <summary>A number with a non-zero fourth (or later) decimal, which thousandths cannot hold exactly.</summary>
    TooManyDecimals,
}
