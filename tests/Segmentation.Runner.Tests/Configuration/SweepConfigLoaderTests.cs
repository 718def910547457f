using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Tests.Configuration;

public sealed class SweepConfigLoaderTests : IDisposable
{
    private const string MinimalSweep = """
        experiment:
          name: from-config
        search:
          scalers: [standard]
          algorithms:
            kmeans:
              k: [2, 3]
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_NoOverrides_SweepConfigBeatsParamsBeatsDefaults()
    {
        _dir.Write("params.yaml", "seed: 7\ntracking:\n  uri: sqlite:///params.db\nexperiment:\n  name: from-params\n");
        _dir.Write("configs/s.yaml", MinimalSweep);

        var loaded = Load(new Dictionary<string, string>());

        Assert.Equal(7, loaded.Config.Seed);
        Assert.Equal("sqlite:///params.db", loaded.Config.Tracking.Uri);
        Assert.Equal("from-config", loaded.Config.Tracking.ExperimentName);
        Assert.Equal(ObjectiveDirection.Maximize, loaded.Config.Objective.Direction);
    }

    [Fact]
    public void Load_EnvironmentSet_EnvironmentBeatsConfigFiles()
    {
        _dir.Write("configs/s.yaml", MinimalSweep);

        var loaded = Load(new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = "http://env:5000", ["MLFLOW_EXPERIMENT_NAME"] = "from-env" });

        Assert.Equal("http://env:5000", loaded.Config.Tracking.Uri);
        Assert.Equal("from-env", loaded.Config.Tracking.ExperimentName);
        Assert.Equal("environment MLFLOW_EXPERIMENT_NAME", loaded.Effective.GetMapping("experiment").GetScalar("name")!.Source);
    }

    [Fact]
    public void Load_FlagsAndEnvironmentSet_FlagsWin()
    {
        _dir.Write("configs/s.yaml", MinimalSweep);

        var loaded = Load(new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = "http://env:5000", ["MLFLOW_EXPERIMENT_NAME"] = "from-env" }, "sqlite:///flag.db", "from-flag");

        Assert.Equal("sqlite:///flag.db", loaded.Config.Tracking.Uri);
        Assert.Equal("from-flag", loaded.Config.Tracking.ExperimentName);
        Assert.Equal("--tracking-uri", loaded.Effective.GetMapping("tracking").GetScalar("uri")!.Source);
    }

    [Fact]
    public void Load_NothingSet_BuiltInDefaultsApply()
    {
        _dir.Write("configs/s.yaml", "search:\n  scalers: standard\n  algorithms:\n    kmeans: {k: 3}\n");

        var loaded = Load(new Dictionary<string, string>());

        Assert.Equal("sqlite:///mlflow.db", loaded.Config.Tracking.Uri);
        Assert.Equal("customer-segmentation", loaded.Config.Tracking.ExperimentName);
        Assert.Equal(42, loaded.Config.Seed);
        Assert.Equal(SweepConfigLoader.BuiltInSource, loaded.Effective.GetScalar("seed")!.Source);
    }

    [Fact]
    public void Load_OnlyTrackingDiffers_ConfigHashUnchanged()
    {
        _dir.Write("configs/s.yaml", MinimalSweep);

        var a = Load(new Dictionary<string, string>());
        var b = Load(new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = "http://elsewhere:5000" }, experiment: "other");

        Assert.Equal(a.ConfigHash, b.ConfigHash);
        Assert.Equal(64, a.ConfigHash.Length);
    }

    [Fact]
    public void Load_SearchDiffers_ConfigHashChanges()
    {
        _dir.Write("configs/a.yaml", MinimalSweep);
        _dir.Write("configs/b.yaml", MinimalSweep.Replace("[2, 3]", "[2, 4]", StringComparison.Ordinal));

        var a = SweepConfigLoader.Load(new SweepConfigRequest("configs/a.yaml", null, _dir.Path, _ => null));
        var b = SweepConfigLoader.Load(new SweepConfigRequest("configs/b.yaml", null, _dir.Path, _ => null));

        Assert.NotEqual(a.ConfigHash, b.ConfigHash);
    }

    [Fact]
    public void Load_ExplicitParamsMissing_ErrorNamesTheFile()
    {
        _dir.Write("configs/s.yaml", MinimalSweep);

        var ex = Assert.Throws<ConfigException>(() =>
            SweepConfigLoader.Load(new SweepConfigRequest("configs/s.yaml", "nope.yaml", _dir.Path, _ => null)));

        Assert.Contains("nope.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ParamsHasBadKey_ErrorPointsIntoParams()
    {
        _dir.Write("params.yaml", "seed: 7\nsed: 8\n");
        _dir.Write("configs/s.yaml", MinimalSweep);

        var ex = Assert.Throws<ConfigException>(() => Load(new Dictionary<string, string>()));

        Assert.EndsWith("params.yaml", ex.Source, StringComparison.Ordinal);
        Assert.Equal(2, ex.Line);
        Assert.Equal("sed", ex.KeyPath);
    }

    private LoadedSweepConfig Load(Dictionary<string, string> environment, string? trackingUri = null, string? experiment = null) =>
        SweepConfigLoader.Load(new SweepConfigRequest(
            "configs/s.yaml", null, _dir.Path, name => environment.GetValueOrDefault(name), trackingUri, experiment));
}
