using Segmentation.Monitoring.Drift;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning;
using Segmentation.Runner.SingleFit;

namespace Segmentation.Monitoring.Tests.Drift;

public sealed class RefitPlanTests
{
    public static TheoryData<string, string, int?> Configurations() => new()
    {
        { "kmeans", "log1p+minmax", 2 },
        { "gmm", "standard", null },
        { "agglomerative", "robust", 3 },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void FromRunParams_ParamsASweepLogs_RebuildTheSameRequest(string algorithm, string scaler, int? components)
    {
        var reduction = components is { } c ? new ReductionChoice(c, null) : ReductionChoice.None;
        var original = SingleFitRequest.Create(algorithm, new ParameterValues([new("k", 5)]), scaler, reduction, 1234);
        var parameters = SweepPlanner.BuildParams(scaler, reduction, original.Options, "recency_days,monetary")
            .Append(new("seed", "1234"))
            .ToDictionary(p => p.Key, p => p.Value);

        var plan = RefitPlan.FromRunParams(parameters, "run-name");

        Assert.Null(plan.Reason);
        Assert.Equal(original, plan.Request);
        Assert.Equal("run-name", plan.Configuration);
    }

    [Fact]
    public void FromRunParams_NoAlgorithm_GivesAReasonInsteadOfARequest()
    {
        var plan = RefitPlan.FromRunParams(new Dictionary<string, string> { ["k"] = "5" }, null);

        Assert.Null(plan.Request);
        Assert.Contains("algorithm", plan.Reason, StringComparison.Ordinal);
    }
}
