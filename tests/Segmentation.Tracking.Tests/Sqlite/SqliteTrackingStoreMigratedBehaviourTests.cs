namespace Segmentation.Tracking.Tests.Sqlite;

/// <summary>The behaviour suite on a 2.17.2 database (with its example rows) after MLflow 3 upgraded it to its head at start.</summary>
public sealed class SqliteTrackingStoreMigratedBehaviourTests : SqliteTrackingStoreBehaviourTests
{
    protected override void PrepareDatabase()
    {
        SqliteTestDatabase.LoadMlflow2Example(DatabasePath);
        SqliteTestDatabase.UpgradeAsMlflow3Does(DatabasePath);
    }

    protected override bool? RecordsLoggedModels => true;
}
