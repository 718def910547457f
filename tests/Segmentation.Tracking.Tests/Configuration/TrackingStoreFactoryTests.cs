using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Sqlite;

namespace Segmentation.Tracking.Tests.Configuration;

public sealed class TrackingStoreFactoryTests
{
    [Fact]
    public void Open_NoEnvironment_CreatesSqliteStoreInWorkingDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "seg-factory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var factory = new TrackingStoreFactory(_ => null, TimeProvider.System, directory);

            using var backend = factory.Open();

            var store = Assert.IsType<SqliteTrackingStore>(backend);
            Assert.Equal(Path.Combine(directory, "mlflow.db"), store.DatabasePath);
            Assert.True(File.Exists(store.DatabasePath));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Open_HttpUri_UsesTheGivenRestFactoryWithTheEnvironment()
    {
        TrackingUri? seen = null;
        string? token = null;
        var factory = new TrackingStoreFactory(
            name => name == "MLFLOW_TRACKING_TOKEN" ? "t0k" : null,
            TimeProvider.System,
            Path.GetTempPath(),
            (uri, env, _) =>
            {
                seen = uri;
                token = env("MLFLOW_TRACKING_TOKEN");
                throw new InvalidOperationException("stop here");
            });

        Assert.Throws<InvalidOperationException>(() => factory.Open("http://127.0.0.1:5000"));
        Assert.Equal(TrackingUriKind.Rest, seen!.Kind);
        Assert.Equal("t0k", token);
    }
}
