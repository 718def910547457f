namespace Segmentation.Serving.Sql;

/// <summary>What one write did.</summary>
/// <param name="Target">The database, without its password.</param>
/// <param name="RowsWritten">Customer rows written for this model version.</param>
/// <param name="RowsReplaced">Rows of an earlier scoring of the same model version that this one replaced.</param>
/// <param name="ProfilesWritten">Segment profile rows written.</param>
/// <param name="CreatedTables">Whether the tables were created by this write.</param>
public sealed record SqlWriteResult(string Target, int RowsWritten, int RowsReplaced, int ProfilesWritten, bool CreatedTables)
{
    /// <summary>Product rows written into <c>segment_products</c> (with <c>--with-products</c>), else null.</summary>
    public int? ProductRowsWritten { get; init; }
}
