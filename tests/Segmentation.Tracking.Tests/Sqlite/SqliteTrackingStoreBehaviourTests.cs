using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Sqlite;
using Segmentation.Tracking.Tests.Behaviour;

namespace Segmentation.Tracking.Tests.Sqlite;

/// <summary>Runs the shared behaviour suite on a SQLite database in a temp folder; subclasses choose which schema generation it is at.</summary>
public abstract class SqliteTrackingStoreBehaviourTests : TrackingStoreBehaviourTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "seg-sqlite-" + Guid.NewGuid().ToString("N"));

    /// <summary>Where the suite's database lives.</summary>
    protected string DatabasePath => Path.Combine(_directory, "mlflow.db");

    /// <summary>Puts the database the suite runs on at <see cref="DatabasePath"/> before the store opens it; by default none, so the store creates one.</summary>
    protected virtual void PrepareDatabase()
    {
    }

    protected override Task<ITrackingBackend> CreateBackendAsync()
    {
        Directory.CreateDirectory(_directory);
        PrepareDatabase();
        return Task.FromResult<ITrackingBackend>(SqliteTrackingStore.Open(DatabasePath,
            new ManualTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero))));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
