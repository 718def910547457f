using Segmentation.Clustering;
using Segmentation.Clustering.Decomposition;
using Segmentation.Clustering.KMeans;
using Segmentation.Clustering.Pipeline;
using Segmentation.Clustering.Scaling;
using Segmentation.Runner.Recording;
using Segmentation.Tracking.Models;

namespace Segmentation.Runner.Tests.Recording;

public sealed class TrialModelTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Content_FittedPipelineWrittenByModelFolder_MlModelHasFlavorSignatureAndRunAndPipelineRoundTrips()
    {
        var x = Matrix.FromRows([[1, 10], [2, 11], [9, 50], [10, 52]]);
        string[] names = ["frequency", "monetary"];
        var pre = Preprocessor.Fit(x, names, new ScalerSpec(ScalerNames.Standard), ReductionSpec.None);
        var fit = KMeans.Fit(pre.Transform(x), new KMeansOptions { Clusters = 2, Seed = 1 });
        var pipeline = new FittedPipeline(pre, fit.Model);
        var created = new DateTimeOffset(2026, 11, 23, 15, 4, 5, 123, TimeSpan.Zero);

        ModelFolder.Write(_dir.Path, TrialModel.Content(pipeline, ClusterProfile.ToCsv(x, names, fit.Labels)), "run123", created, "0.1.0");

        var mlmodel = File.ReadAllText(Path.Combine(_dir.Path, "MLmodel"));
        Assert.StartsWith("artifact_path: model\nflavors:\n  segmentation:\n    document: segmentation.json\n", mlmodel, StringComparison.Ordinal);
        Assert.Contains("run_id: run123\n", mlmodel, StringComparison.Ordinal);
        Assert.Contains("utc_time_created: '2026-11-23 15:04:05.123000'\n", mlmodel, StringComparison.Ordinal);
        Assert.Contains("  inputs: '[{\"type\":\"double\",\"name\":\"frequency\",\"required\":true},{\"type\":\"double\",\"name\":\"monetary\",\"required\":true}]'\n", mlmodel, StringComparison.Ordinal);
        Assert.Contains("  outputs: '[{\"type\":\"long\",\"name\":\"segment\",\"required\":true}]'\n", mlmodel, StringComparison.Ordinal);
        Assert.Matches("model_uuid: [0-9a-f]{32}\n", mlmodel);
        var loaded = FittedPipeline.FromJson(ModelFolder.Read(_dir.Path).PipelineJson);
        Assert.Equal(pipeline.Predict(x, names), loaded.Predict(x, names));
    }

    [Fact]
    public void Content_WithSegmentsJson_NamesGoIntoMlModelMetadata()
    {
        var x = Matrix.FromRows([[1, 10], [2, 11], [9, 50], [10, 52]]);
        string[] names = ["frequency", "monetary"];
        var pre = Preprocessor.Fit(x, names, new ScalerSpec(ScalerNames.Standard), ReductionSpec.None);
        var fit = KMeans.Fit(pre.Transform(x), new KMeansOptions { Clusters = 2, Seed = 1 });
        var segments = """{"segments": [{"segment": 0, "name": "Champions", "size": 2, "share": 0.5, "revenue_share": 0.9, "features": {}}, {"segment": 1, "name": "Hibernating", "size": 2, "share": 0.5, "revenue_share": 0.1, "features": {}}]}""";

        var content = TrialModel.Content(new FittedPipeline(pre, fit.Model), ClusterProfile.ToCsv(x, names, fit.Labels), new Dictionary<string, string> { ["segments.json"] = segments });
        ModelFolder.Write(_dir.Path, content, "run123", DateTimeOffset.UnixEpoch, "0.1.0");

        Assert.Equal(new Dictionary<int, string> { [0] = "Champions", [1] = "Hibernating" }, ModelFolder.Read(_dir.Path).SegmentNames);
    }

    [Fact]
    public void ToCsv_TwoClustersAndNoise_SizesSharesAndRawMeans()
    {
        var x = Matrix.FromRows([[1, 10], [3, 30], [5, 50], [100, 1000]]);

        var csv = ClusterProfile.ToCsv(x, ["a", "b"], [0, 0, 1, -1]);

        Assert.Equal("segment,size,share,mean_a,mean_b\n-1,1,0.25,100,1000\n0,2,0.5,2,20\n1,1,0.25,5,50\n", csv);
    }
}
