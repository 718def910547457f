namespace Segmentation.Tracking.Tests.Sqlite;

/// <summary>The behaviour suite on a database the store creates itself (MLflow 3's schema, alembic head 7d34483879f0).</summary>
public sealed class SqliteTrackingStoreMlflow3BehaviourTests : SqliteTrackingStoreBehaviourTests
{
    protected override bool? RecordsLoggedModels => true;
}
