using Segmentation.Core.Errors;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Tests.Planning;

public sealed class ShardSpecTests
{
    [Theory]
    [InlineData("0", "4", null, 1, 4)]
    [InlineData("3", "4", null, 4, 4)]
    [InlineData("2", null, 3, 3, 3)]
    [InlineData("1", "9", 2, 2, 2)]
    public void Resolve_Auto_IndexFromTheIndexedJobCountFromFlagThenVariable(string index, string? shardsVariable, int? shardsFlag, int expectedIndex, int expectedCount)
    {
        var environment = Environment(("JOB_COMPLETION_INDEX", index), ("SEGMENTATION_SHARDS", shardsVariable));

        Assert.Equal(new ShardSpec(expectedIndex, expectedCount), ShardSpec.Resolve("auto", shardsFlag, environment));
    }

    [Theory]
    [InlineData(null, "4", null, "JOB_COMPLETION_INDEX is not set")]
    [InlineData("0", null, null, "the shard count is not set; pass --shards N or set SEGMENTATION_SHARDS")]
    [InlineData("4", "4", null, "JOB_COMPLETION_INDEX='4': expected a whole number from 0 to 3 (4 shards from SEGMENTATION_SHARDS)")]
    [InlineData("-1", "4", null, "JOB_COMPLETION_INDEX='-1'")]
    [InlineData("0", "zero", null, "SEGMENTATION_SHARDS='zero': expected a positive whole number")]
    [InlineData("0", null, 0, "--shards='0': expected a positive whole number")]
    public void Resolve_AutoWithoutUsableVariables_UsageErrorNamingThem(string? index, string? shards, int? flag, string message)
    {
        var error = Assert.Throws<UsageException>(() => ShardSpec.Resolve("auto", flag, Environment(("JOB_COMPLETION_INDEX", index), ("SEGMENTATION_SHARDS", shards))));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExplicitShard_IsParsedAndRefusesAShardsFlag()
    {
        Assert.Equal(new ShardSpec(2, 5), ShardSpec.Resolve("2/5", null, _ => "ignored"));
        Assert.Contains("--shards 3: only with --shard auto", Assert.Throws<UsageException>(() => ShardSpec.Resolve("2/5", 3, _ => null)).Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Environment(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
