namespace Segmentation.Tracking.Tests.Sqlite;

/// <summary>The behaviour suite on a database MLflow 2.17.2 created (its schema.sql and example rows), used in place at f5a4f2784254.</summary>
public sealed class SqliteTrackingStoreMlflow2BehaviourTests : SqliteTrackingStoreBehaviourTests
{
    protected override void PrepareDatabase() => SqliteTestDatabase.LoadMlflow2Example(DatabasePath);
}
