using System.Globalization;
using Segmentation.Core.Errors;
using Segmentation.Runner.Planning;

namespace Segmentation.Cli.Commands;

/// <summary>The sharding flags of <c>segment sweep</c> besides <c>--shard</c>: <c>--shards N</c> and <c>--finish</c>.</summary>
/// <param name="Shards">The shard count from <c>--shards</c>, if given.</param>
/// <param name="Finish">Whether <c>--finish</c> was given.</param>
internal sealed record ShardOptions(int? Shards, bool Finish)
{
    /// <summary>The count <c>--finish</c> names missing shards in: <c>--shards</c>, else SEGMENTATION_SHARDS, else 1.</summary>
    public int FinishShardCount(Func<string, string?> environment)
    {
        if (Shards is { } shards)
        {
            return shards >= 1 ? shards : throw new UsageException($"--shards {shards}: expected a positive number of shards");
        }

        var text = environment(ShardSpec.ShardsVariable);
        if (string.IsNullOrEmpty(text))
        {
            return 1;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1
            ? count
            : throw new UsageException($"{ShardSpec.ShardsVariable}='{text}': expected a positive whole number of shards");
    }
}
