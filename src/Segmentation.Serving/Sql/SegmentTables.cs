using Segmentation.Data.Features;
using Segmentation.Serving.Output;

namespace Segmentation.Serving.Sql;

/// <summary>
/// The schema of the tables BI tools read: <c>customer_segments</c> and <c>segment_profiles</c>, and with
/// <c>--with-products</c> <c>segment_products</c> (what to offer each segment, joined on model and segment).
/// </summary>
/// <remarks>
/// One fixed schema for every algorithm and feature set, so one table holds every model version's scores: each score
/// column is nullable (only the algorithm's own is set), and the profile has a mean column per catalogue feature.
/// </remarks>
public static class SegmentTables
{
    /// <summary>Per-customer scores.</summary>
    public const string Segments = "customer_segments";

    /// <summary>Per-segment profiles.</summary>
    public const string Profiles = "segment_profiles";

    /// <summary>Per-segment top products by lift, from the model (one row per segment and rank).</summary>
    public const string Products = "segment_products";

    // The leading columns of a per-segment row (profiles, products): which model version and which segment. First in the
    // class: static initialisers run in text order, and the column lists below spread it.
    private static readonly SqlColumn[] SegmentIdentity =
    [
        new(ScoreColumns.ModelName, SqlColumnType.Text),
        new(ScoreColumns.ModelVersion, SqlColumnType.Text),
        new(ScoreColumns.RunId, SqlColumnType.Text),
        new(ScoreColumns.Segment, SqlColumnType.Int),
        new(ScoreColumns.SegmentName, SqlColumnType.Text),
    ];

    /// <summary>The columns of <see cref="Segments"/>, in order.</summary>
    public static IReadOnlyList<SqlColumn> SegmentColumns { get; } =
    [
        new(ScoreColumns.CustomerId, SqlColumnType.BigInt),
        new(ScoreColumns.Segment, SqlColumnType.Int),
        new(ScoreColumns.SegmentName, SqlColumnType.Text),
        new(ScoreColumns.Distance, SqlColumnType.Real, true),
        new(ScoreColumns.Probability, SqlColumnType.Real, true),
        new(ScoreColumns.IsNoise, SqlColumnType.Bool, true),
        new(ScoreColumns.ModelName, SqlColumnType.Text),
        new(ScoreColumns.ModelVersion, SqlColumnType.Text),
        new(ScoreColumns.RunId, SqlColumnType.Text),
        new(ScoreColumns.ScoredAt, SqlColumnType.Timestamp),
    ];

    /// <summary>The columns of <see cref="Profiles"/>, in order: identity, size, shares, then <c>mean_&lt;feature&gt;</c> per catalogue feature.</summary>
    public static IReadOnlyList<SqlColumn> ProfileColumns { get; } =
    [
        .. SegmentIdentity,
        new("size", SqlColumnType.Int),
        new("share", SqlColumnType.Real),
        new("revenue_share", SqlColumnType.Real, true),
        new(ScoreColumns.ScoredAt, SqlColumnType.Timestamp),
        .. FeatureCatalog.Names.Select(name => new SqlColumn(MeanColumn(name), SqlColumnType.Real, true)),
    ];

    /// <summary>
    /// The columns of <see cref="Products"/>, in order: identity, then the model's <c>segment_products.csv</c> fields — the
    /// support counts as integers and the lift as a number, so a BI tool can filter and sort on them.
    /// </summary>
    public static IReadOnlyList<SqlColumn> ProductColumns { get; } =
    [
        .. SegmentIdentity,
        new("rank", SqlColumnType.Int),
        new("stock_code", SqlColumnType.Text),
        new("description", SqlColumnType.Text, true),
        new("lift", SqlColumnType.Real),
        new("segment_customers_with_product", SqlColumnType.BigInt),
        new("segment_customers", SqlColumnType.BigInt),
        new("all_customers_with_product", SqlColumnType.BigInt),
        new("all_customers", SqlColumnType.BigInt),
    ];

    /// <summary>The primary key of <see cref="Segments"/>.</summary>
    public static IReadOnlyList<string> SegmentKey { get; } = [ScoreColumns.ModelName, ScoreColumns.ModelVersion, ScoreColumns.CustomerId];

    /// <summary>The primary key of <see cref="Profiles"/>.</summary>
    public static IReadOnlyList<string> ProfileKey { get; } = [ScoreColumns.ModelName, ScoreColumns.ModelVersion, ScoreColumns.Segment];

    /// <summary>The primary key of <see cref="Products"/>.</summary>
    public static IReadOnlyList<string> ProductKey { get; } = [ScoreColumns.ModelName, ScoreColumns.ModelVersion, ScoreColumns.Segment, "rank"];

    /// <summary>The profile column holding a feature's mean.</summary>
    public static string MeanColumn(string feature) => "mean_" + feature;
}
