namespace Segmentation.Serving.Sql;

/// <summary>The database behind a <c>--to</c> URI.</summary>
public enum SqlTargetKind
{
    /// <summary>A SQLite file (<c>sqlite:///relative.db</c>, <c>sqlite:////absolute.db</c>).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (<c>postgresql://user:password@host:port/database</c>), through Npgsql.</summary>
    Postgres,
}
