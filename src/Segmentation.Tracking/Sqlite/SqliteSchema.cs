namespace Segmentation.Tracking.Sqlite;

/// <summary>The MLflow SQLite schemas this store knows: the two it was tested against, embedded verbatim, and the alembic chain between them.</summary>
/// <remarks>
/// New databases are created at <see cref="Newest"/>. Existing ones are used in place at whatever revision they are
/// (MLflow 3 migrates a 2.17.2 database when <c>mlflow ui</c> starts on it); the store never migrates a database itself.
/// </remarks>
public static class SqliteSchema
{
    /// <summary>MLflow 2.17.2's schema (alembic f5a4f2784254), from schema.sql.</summary>
    public static SqliteSchemaFile Mlflow2 { get; } = new("2.17.2", "f5a4f2784254", "Segmentation.Tracking.Sqlite.schema.sql");

    /// <summary>MLflow 3.11's schema (alembic head 7d34483879f0), from schema-mlflow3.sql.</summary>
    public static SqliteSchemaFile Mlflow3 { get; } = new("3.11", "7d34483879f0", "Segmentation.Tracking.Sqlite.schema-mlflow3.sql");

    /// <summary>The schema new databases are created at.</summary>
    public static SqliteSchemaFile Newest => Mlflow3;

    /// <summary>The alembic revision new databases are created at.</summary>
    public static string AlembicRevision => Newest.AlembicRevision;

    /// <summary>
    /// MLflow's alembic revisions from 2.17.2's f5a4f2784254 to 3.11's head 7d34483879f0, oldest first
    /// (../shared/mlflow-contract/v3/sqlite-store/DIFF.md, "Alembic revision chain").
    /// </summary>
    public static IReadOnlyList<string> KnownRevisions { get; } =
    [
        "f5a4f2784254", "0584bdc529eb", "400f98739977", "6953534de441", "bda7b8c39065", "cbc13b556ace", "770bee3ae1dd",
        "a1b2c3d4e5f6", "de4033877273", "1a0cddfcaa16", "534353b11cbc", "71994744cf8e", "3da73c924c2f", "bf29a5ff90ea",
        "1bd49d398cd23", "b7c8d9e0f1a2", "5d2d30f0abce", "c9d4e5f6a7b8", "2c33131f4dae", "d3e4f5a6b7c8", "d0e1f2a3b4c5",
        "c8d9e0f1a2b3", "1b5f0d9ad7c1", "e1f2a3b4c5d6", "76601a5f987d", "c3d6457b6d8a", "a5b4c3d2e1f0", "ae8bbe7743c9",
        "7d34483879f0",
    ];

    /// <summary>"f5a4f2784254 (MLflow 2.17.2) to 7d34483879f0 (MLflow 3.11)", for messages.</summary>
    internal static string SupportedRange =>
        $"{Mlflow2.AlembicRevision} (MLflow {Mlflow2.MlflowVersion}) to {Mlflow3.AlembicRevision} (MLflow {Mlflow3.MlflowVersion})";
}
