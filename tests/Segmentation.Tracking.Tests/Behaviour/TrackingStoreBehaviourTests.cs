using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Experiments;
using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.Tests.Behaviour;

/// <summary>
/// The behaviour every tracking backend shares (local SQLite store, REST client against an emulator or a live MLflow).
/// Subclasses supply a backend; tests use unique experiment and model names so a shared live server works too.
/// </summary>
/// <remarks>Split into partial files by concern: experiments and runs here, logging, search, artifacts and registry beside it.</remarks>
public abstract partial class TrackingStoreBehaviourTests : IAsyncLifetime
{
    /// <summary>Client-side timestamps start here, as in the contract fixtures.</summary>
    protected const long T0 = 1_700_000_000_000;

    private ITrackingBackend? _store;

    /// <summary>The backend under test, fresh for every test.</summary>
    protected ITrackingBackend Store => _store ?? throw new InvalidOperationException("InitializeAsync has not run");

    /// <summary>Creates a fresh backend for one test.</summary>
    protected abstract Task<ITrackingBackend> CreateBackendAsync();

    /// <inheritdoc/>
    public async Task InitializeAsync() => _store = await CreateBackendAsync();

    /// <inheritdoc/>
    public virtual Task DisposeAsync()
    {
        _store?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A name no other test (or earlier run against a live server) uses.</summary>
    protected static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A new experiment with a unique name.</summary>
    protected async Task<Experiment> NewExperimentAsync() => await Store.GetOrCreateExperimentAsync(Unique("behaviour"));

    /// <summary>A new RUNNING run in <paramref name="experiment"/>.</summary>
    protected Task<Run> NewRunAsync(Experiment experiment, string? name = null, long start = T0, string? parent = null, IReadOnlyDictionary<string, string>? tags = null) =>
        Store.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, name, start, tags, parent));

    [Fact]
    public async Task GetOrCreateExperiment_NewName_CreatesActiveExperimentWithTags()
    {
        var name = Unique("exp");

        var experiment = await Store.GetOrCreateExperimentAsync(name, new Dictionary<string, string> { ["project"] = "segmentation" });

        Assert.Equal(name, experiment.Name);
        Assert.Equal("active", experiment.LifecycleStage);
        Assert.False(string.IsNullOrEmpty(experiment.ExperimentId));
        Assert.False(string.IsNullOrEmpty(experiment.ArtifactLocation));
        Assert.Equal("segmentation", experiment.Tags["project"]);
    }

    [Fact]
    public async Task GetOrCreateExperiment_ExistingName_ReturnsSameExperiment()
    {
        var name = Unique("exp");
        var first = await Store.GetOrCreateExperimentAsync(name);

        var second = await Store.GetOrCreateExperimentAsync(name);

        Assert.Equal(first.ExperimentId, second.ExperimentId);
    }

    [Fact]
    public async Task GetOrCreateExperiment_ConcurrentCallers_AllGetOneExperiment()
    {
        var name = Unique("exp");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Store.GetOrCreateExperimentAsync(name))));

        Assert.Single(results.Select(e => e.ExperimentId).Distinct());
    }

    [Fact]
    public async Task GetExperimentByName_Missing_ReturnsNull()
    {
        Assert.Null(await Store.GetExperimentByNameAsync(Unique("missing")));
    }

    [Fact]
    public async Task GetExperiment_ById_ReturnsIt_AndUnknownIdThrowsResourceNotFound()
    {
        var experiment = await NewExperimentAsync();

        Assert.Equal(experiment.Name, (await Store.GetExperimentAsync(experiment.ExperimentId)).Name);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Store.GetExperimentAsync("987654321"));
    }

    [Fact]
    public async Task SetExperimentTag_SameKeyTwice_KeepsLastValue()
    {
        var experiment = await NewExperimentAsync();

        await Store.SetExperimentTagAsync(experiment.ExperimentId, "owner", "a");
        await Store.SetExperimentTagAsync(experiment.ExperimentId, "owner", "b");

        Assert.Equal("b", (await Store.GetExperimentAsync(experiment.ExperimentId)).Tags["owner"]);
    }

    [Fact]
    public async Task CreateRun_WithNameParentAndTags_IsRunningWithMlflowSystemTags()
    {
        var experiment = await NewExperimentAsync();
        var parent = await NewRunAsync(experiment, "sweep");

        var child = await NewRunAsync(experiment, "kmeans-k3", T0 + 1000, parent.Info.RunId, new Dictionary<string, string> { ["segmentation.trial_hash"] = "abc" });

        Assert.Matches("^[0-9a-f]{32}$", child.Info.RunId);
        Assert.Equal(experiment.ExperimentId, child.Info.ExperimentId);
        Assert.Equal("kmeans-k3", child.Info.RunName);
        Assert.Equal(RunStatus.Running, child.Info.Status);
        Assert.Equal(T0 + 1000, child.Info.StartTimeMs);
        Assert.Null(child.Info.EndTimeMs);
        Assert.Equal("active", child.Info.LifecycleStage);
        Assert.Contains(child.Info.RunId, child.Info.ArtifactUri, StringComparison.Ordinal);
        var fetched = await Store.GetRunAsync(child.Info.RunId);
        Assert.Equal(parent.Info.RunId, fetched.Data.Tags["mlflow.parentRunId"]);
        Assert.Equal("kmeans-k3", fetched.Data.Tags["mlflow.runName"]);
        Assert.Equal("abc", fetched.Data.Tags["segmentation.trial_hash"]);
    }

    [Fact]
    public async Task CreateRun_NameOnlyAsTag_TakesNameFromTag()
    {
        var experiment = await NewExperimentAsync();

        var run = await NewRunAsync(experiment, name: null, tags: new Dictionary<string, string> { ["mlflow.runName"] = "from-tag" });

        Assert.Equal("from-tag", run.Info.RunName);
    }

    [Fact]
    public async Task CreateRun_UnknownExperiment_ThrowsResourceNotFound()
    {
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Store.CreateRunAsync(new CreateRunRequest("987654321", "x", T0)));
    }

    [Fact]
    public async Task UpdateRun_Finished_SetsStatusEndTimeAndName()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment, "before");

        var info = await Store.UpdateRunAsync(run.Info.RunId, RunStatus.Finished, T0 + 5000, "after");

        Assert.Equal(RunStatus.Finished, info.Status);
        Assert.Equal(T0 + 5000, info.EndTimeMs);
        var fetched = await Store.GetRunAsync(run.Info.RunId);
        Assert.Equal(RunStatus.Finished, fetched.Info.Status);
        Assert.Equal("after", fetched.Info.RunName);
        Assert.Equal("after", fetched.Data.Tags["mlflow.runName"]);
    }

    [Fact]
    public async Task GetRun_UnknownId_ThrowsResourceNotFound()
    {
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Store.GetRunAsync(Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public async Task SetTag_RunNameTag_RenamesRun()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment, "old");

        await Store.SetTagAsync(run.Info.RunId, "mlflow.runName", "new");

        Assert.Equal("new", (await Store.GetRunAsync(run.Info.RunId)).Info.RunName);
    }

    [Fact]
    public async Task SetTag_SameKeyTwice_Overwrites()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);

        await Store.SetTagAsync(run.Info.RunId, "note", "1");
        await Store.SetTagAsync(run.Info.RunId, "note", "2");

        Assert.Equal("2", (await Store.GetRunAsync(run.Info.RunId)).Data.Tags["note"]);
    }
}
