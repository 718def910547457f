using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Rest;
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

    [Fact]
    public void Open_UnknownScheme_ThrowsListingTheSupportedSchemes()
    {
        var factory = new TrackingStoreFactory(_ => null, TimeProvider.System, Path.GetTempPath());
        var uri = new TrackingUri(TrackingUriKind.Rest, "ftp://files.example/mlflow", null, new Uri("ftp://files.example/mlflow"));

        var error = Assert.Throws<Segmentation.Core.Errors.UsageException>(() => factory.Open(uri));

        Assert.Contains("'ftp'", error.Message, StringComparison.Ordinal);
        Assert.Contains("http, https, sqlite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ByScheme_Table_HasOneRowPerSupportedScheme()
    {
        Assert.Equal(["http", "https", "sqlite"], TrackingBackends.SupportedSchemes);
        Assert.Equal(["http", "https", "sqlite"], new TrackingStoreFactory(_ => null, TimeProvider.System, Path.GetTempPath()).SupportedSchemes);
    }

    [Fact]
    public void Open_ExplicitTable_UsesTheRowForTheUrisScheme()
    {
        var opened = new List<string>();
        var factory = new TrackingStoreFactory(_ => null, TimeProvider.System, Path.GetTempPath(), new Dictionary<string, TrackingBackendFactory>
        {
            ["HTTPS"] = (uri, _, _) =>
            {
                opened.Add(uri.Scheme);
                throw new InvalidOperationException("stop here");
            },
        });

        Assert.Throws<InvalidOperationException>(() => factory.Open("https://mlflow.example"));
        Assert.Equal(["https"], opened);
        Assert.Throws<Segmentation.Core.Errors.UsageException>(() => factory.Open("sqlite:///mlflow.db"));
    }

    [Fact]
    public void Open_EnvironmentHttpsWithoutOverride_UsesTheRestStoreRow()
    {
        var factory = new TrackingStoreFactory(name => name == "MLFLOW_TRACKING_URI" ? "https://mlflow.example:8443" : null, TimeProvider.System, Path.GetTempPath());

        using var backend = factory.Open();

        Assert.IsType<RestTrackingStore>(backend);
        Assert.Equal("https://mlflow.example:8443/", backend.DisplayUri);
    }
}
