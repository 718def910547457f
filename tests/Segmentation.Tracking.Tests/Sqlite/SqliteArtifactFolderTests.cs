using System.Text;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.LoggedModels;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Sqlite;

namespace Segmentation.Tracking.Tests.Sqlite;

/// <summary>A run's or logged model's artifact folder is read from the database once per store, not once per file.</summary>
public sealed class SqliteArtifactFolderTests
{
    private static readonly TimeProvider Clock = new ManualTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Uploads_ManyFilesToOneRunAndOneLoggedModel_QueryTheirFoldersAtMostOnce()
    {
        using var db = new SqliteTestDatabase();
        using var store = SqliteTrackingStore.Open(db.DatabasePath, Clock);
        var experiment = await store.GetOrCreateExperimentAsync("folders");
        var runId = (await store.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "kmeans-k3", 1700000001000))).Info.RunId;
        var model = await store.CreateLoggedModelAsync(new CreateLoggedModelRequest(experiment.ExperimentId, "kmeans-k3", runId, null, null));

        var beforeModelFiles = store.Counters.Statements;
        for (var i = 0; i < 5; i++)
        {
            await store.UploadLoggedModelArtifactContentAsync(model.ModelId, $"model/part{i}.json", Encoding.UTF8.GetBytes($"{{\"part\": {i}}}"));
        }

        // The model's folder came back with its creation.
        Assert.Equal(beforeModelFiles, store.Counters.Statements);

        var beforeRunFiles = store.Counters.Statements;
        for (var i = 0; i < 5; i++)
        {
            await store.UploadArtifactContentAsync(runId, $"plots/p{i}.txt", Encoding.UTF8.GetBytes("p" + i));
        }

        Assert.Equal(beforeRunFiles + 1, store.Counters.Statements);

        // Same folders as the stored URIs say, files whole.
        var modelFolder = LocalPath((string)db.Query("SELECT artifact_location FROM logged_models").Single()[0]!);
        var runFolder = LocalPath((string)db.Query("SELECT artifact_uri FROM runs").Single()[0]!);
        Assert.Equal("{\"part\": 4}", File.ReadAllText(Path.Combine(modelFolder, "model", "part4.json")));
        Assert.Equal("p3", File.ReadAllText(Path.Combine(runFolder, "plots", "p3.txt")));
        Assert.Equal(5, (await store.ListLoggedModelArtifactsAsync(model.ModelId, "model")).Count);
        Assert.Equal(5, (await store.ListArtifactsAsync(runId, "plots")).Count);
    }

    [Fact]
    public async Task Uploads_UnknownRunOrLoggedModel_StillThrowNotFoundEveryTime()
    {
        using var db = new SqliteTestDatabase();
        using var store = SqliteTrackingStore.Open(db.DatabasePath, Clock);
        await store.GetOrCreateExperimentAsync("folders");

        for (var attempt = 0; attempt < 2; attempt++)
        {
            await Assert.ThrowsAsync<ResourceNotFoundException>(() => store.UploadArtifactContentAsync("0123456789abcdef0123456789abcdef", "a.txt", new byte[] { 1 }));
            await Assert.ThrowsAsync<ResourceNotFoundException>(() => store.UploadLoggedModelArtifactContentAsync("m-0123456789abcdef0123456789abcdef", "a.txt", new byte[] { 1 }));
        }
    }

    private static string LocalPath(string uri) => uri.StartsWith("file://", StringComparison.Ordinal) ? new Uri(uri).LocalPath : uri;
}
