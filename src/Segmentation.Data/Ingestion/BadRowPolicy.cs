namespace Segmentation.Data.Ingestion;

/// <summary>What ingestion does with a row it cannot parse (<c>data.on_bad_rows</c>).</summary>
public enum BadRowPolicy
{
    /// <summary>Stop at the first bad row with a <see cref="DataFormatException"/> (default).</summary>
    Fail,

    /// <summary>Leave the row out, count it and write it to the rejected-rows file.</summary>
    Skip,
}
