namespace Segmentation.Serving.Sql;

/// <summary>The portable column types of the segments tables; each dialect names its own.</summary>
public enum SqlColumnType
{
    /// <summary>64-bit integer.</summary>
    BigInt,

    /// <summary>32-bit integer.</summary>
    Int,

    /// <summary>Text.</summary>
    Text,

    /// <summary>Double precision.</summary>
    Real,

    /// <summary>Boolean (an integer 0/1 in SQLite).</summary>
    Bool,

    /// <summary>UTC timestamp (ISO 8601 text in SQLite).</summary>
    Timestamp,
}
