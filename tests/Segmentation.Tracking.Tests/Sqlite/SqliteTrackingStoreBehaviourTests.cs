using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Sqlite;
using Segmentation.Tracking.Tests.Behaviour;

namespace Segmentation.Tracking.Tests.Sqlite;

/// <summary>Runs the shared behaviour suite on a fresh SQLite database in a temp folder.</summary>
public sealed class SqliteTrackingStoreBehaviourTests : TrackingStoreBehaviourTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "seg-sqlite-" + Guid.NewGuid().ToString("N"));

    protected override Task<ITrackingBackend> CreateBackendAsync() =>
        Task.FromResult<ITrackingBackend>(SqliteTrackingStore.Open(Path.Combine(_directory, "mlflow.db"),
            new ManualTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero))));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
