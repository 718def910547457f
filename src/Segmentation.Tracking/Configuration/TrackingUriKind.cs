namespace Segmentation.Tracking.Configuration;

/// <summary>Which backend a tracking URI selects.</summary>
public enum TrackingUriKind
{
    /// <summary>A local SQLite database in MLflow's schema (<c>sqlite:///…</c>).</summary>
    Sqlite,

    /// <summary>An MLflow tracking server over REST (<c>http(s)://…</c>).</summary>
    Rest,
}
