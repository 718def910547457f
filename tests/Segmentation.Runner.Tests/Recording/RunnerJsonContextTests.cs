using System.Text.Json;
using Segmentation.Clustering;
using Segmentation.Runner.Data;
using Segmentation.Runner.Recording;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Tests.Recording;

public sealed class RunnerJsonContextTests
{
    [Fact]
    public void TrainingDatasetInput_SourceGeneratedDocuments_AreWhatReflectionOverAnonymousTypesWrote()
    {
        // The dataset's schema, profile and source were anonymous types serialised by reflection; the source-generated
        // records (RunnerJsonContext) must keep their names, order and escaping.
        string[] names = ["recency", "monetary_£", "a<b>&'c\""];
        var data = new TrainingData([1, 2], names, new Matrix(new double[6], 2, 3), new string('d', 64), "data/Online Retail+II <2010>.parquet");

        var dataset = TrainingDatasetInput.Of(data).Dataset;

        Assert.Equal(JsonSerializer.Serialize(new { mlflow_colspec = names.Select(n => new { type = "double", name = n, required = true }).ToArray() }), dataset.Schema);
        Assert.Equal(JsonSerializer.Serialize(new { num_rows = 2, num_elements = 6 }), dataset.Profile);
        Assert.Equal(JsonSerializer.Serialize(new { uri = data.SourcePath }), dataset.Source);
    }

    [Fact]
    public void SweepPlanRecord_SourceGeneratedMetadata_WritesAndParsesWhatReflectionDoes()
    {
        var record = new SweepPlanRecord("sweep-1", new string('d', 64), "cfg<&>", ["t1", "t2", "t3"]);

        var json = record.ToJson();

        Assert.Equal(JsonSerializer.Serialize(record, new JsonSerializerOptions { WriteIndented = true }) + "\n", json);
        var back = SweepPlanRecord.Parse(json, "test");
        Assert.Equal(record.Trials, back.Trials);
        Assert.Equal(json, back.ToJson());
    }
}
