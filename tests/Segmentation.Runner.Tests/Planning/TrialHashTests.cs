using Segmentation.Core.Json;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Tests.Planning;

public sealed class TrialHashTests
{
    [Fact]
    public void TrialHash_KnownInput_MatchesIndependentSha256()
    {
        // sha256 of {"dataset_digest":"d","params":{"k":"3","scaler":"log1p+standard"},"tool_version":"1.0.0"} (computed with sha256sum).
        var hash = SweepPlanner.TrialHash("d", CanonicalJson.Of([new KeyValuePair<string, string>("scaler", "log1p+standard"), new("k", "3")]), "1.0.0");

        Assert.Equal("24ab3a55e8a9c75fd9c4f0757ffcdb08bf90be879cf96ace0fb8fc5dd20c4f37", hash);
    }
}
