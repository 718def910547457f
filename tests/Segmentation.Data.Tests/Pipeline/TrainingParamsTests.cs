using Segmentation.Data.Configuration;
using Segmentation.Data.Pipeline;

namespace Segmentation.Data.Tests.Pipeline;

/// <summary>The training params a model folder records: an auto reference date is recorded as the date it resolved to.</summary>
public sealed class TrainingParamsTests
{
    private static readonly DateOnly Resolved = new(2011, 12, 10);

    [Fact]
    public void FromConfig_AutoReferenceDate_RecordsTheSettingAndTheResolvedDate()
    {
        var root = ConfigDocument.Parse("features:\n  reference_date: auto\ntracking:\n  uri: sqlite:///mlflow.db\n", "params.yaml");

        var training = TrainingParams.FromConfig(root, _ => "features:\n  reference_date: auto\n", ["recency_days"], Resolved);
        var back = TrainingParams.FromJson(training.ToJson(), "training_params.json");

        Assert.Equal("auto", back.ReferenceDateSetting);
        Assert.Equal(Resolved, back.ReferenceDate);
        Assert.Contains("\"reference_date\": \"2011-12-10\"", training.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfig_ExplicitReferenceDate_IsTheRecordedDate()
    {
        var root = ConfigDocument.Parse("features:\n  reference_date: 2011-06-01\n", "params.yaml");

        var training = TrainingParams.FromConfig(root, _ => "features:\n  reference_date: 2011-06-01\n", ["recency_days"], new DateOnly(2011, 6, 1));

        Assert.Equal("2011-06-01", training.ReferenceDateSetting);
        Assert.Equal(new DateOnly(2011, 6, 1), training.ReferenceDate);
    }

    [Fact]
    public void FromConfig_AutoWithoutResolvedDate_RecordsNoDate()
    {
        var root = ConfigDocument.Parse("features:\n  reference_date: auto\n", "params.yaml");

        var training = TrainingParams.FromConfig(root, _ => string.Empty, ["recency_days"]);

        Assert.Equal("auto", training.ReferenceDateSetting);
        Assert.Null(training.ReferenceDate);
    }
}
