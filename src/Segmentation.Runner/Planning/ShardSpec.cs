using System.Globalization;
using Segmentation.Core.Errors;

namespace Segmentation.Runner.Planning;

/// <summary>A shard of a plan, <c>i/n</c> with 1 ≤ i ≤ n: trial t belongs to it when t mod n = i − 1.</summary>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>The whole plan.</summary>
    public static ShardSpec All { get; } = new(1, 1);

    /// <summary>Whether the trial at plan position <paramref name="trialIndex"/> belongs to this shard.</summary>
    public bool Contains(int trialIndex) => trialIndex % Count == Index - 1;

    /// <summary>Parses <c>i/n</c>; throws an <see cref="ArgumentException"/> saying what is expected.</summary>
    public static ShardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count)
        {
            return new ShardSpec(index, count);
        }

        throw new UsageException($"--shard '{text}': expected i/n with 1 <= i <= n, e.g. 1/4");
    }

    /// <summary>The value of <c>--shard</c> that reads the shard from the engine's environment.</summary>
    public const string Auto = "auto";

    /// <summary>The 0-based index a Kubernetes Indexed Job gives each pod.</summary>
    public const string KubernetesIndexVariable = "JOB_COMPLETION_INDEX";

    /// <summary>The shard count when <c>--shards</c> is not given (a Kubernetes Job's <c>completions</c>).</summary>
    public const string ShardsVariable = "SEGMENTATION_SHARDS";

    /// <summary>
    /// Parses <c>i/n</c>, or resolves <c>auto</c>: index from <see cref="KubernetesIndexVariable"/> (0-based, so pod 0 runs
    /// shard 1) and count from <paramref name="shards"/> (the <c>--shards</c> flag), else <see cref="ShardsVariable"/>.
    /// </summary>
    /// <exception cref="UsageException">The text, a variable or the count is missing or out of range; the message names it.</exception>
    public static ShardSpec Resolve(string text, int? shards, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.Equals(text, Auto, StringComparison.Ordinal))
        {
            return shards is null
                ? Parse(text)
                : throw new UsageException($"--shards {shards}: only with --shard auto (--shard '{text}' already says the count)");
        }

        var countText = shards?.ToString(CultureInfo.InvariantCulture) ?? environment(ShardsVariable);
        var countSource = shards is null ? ShardsVariable : "--shards";
        if (string.IsNullOrEmpty(countText))
        {
            throw new UsageException($"--shard auto: the shard count is not set; pass --shards N or set {ShardsVariable} (a Kubernetes Indexed Job's completions)");
        }

        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            throw new UsageException($"--shard auto: {countSource}='{countText}': expected a positive whole number of shards");
        }

        var indexText = environment(KubernetesIndexVariable);
        if (string.IsNullOrEmpty(indexText))
        {
            throw new UsageException(
                $"--shard auto: {KubernetesIndexVariable} is not set (it is set on the pods of a Kubernetes Indexed Job); elsewhere pass --shard i/n, "
                + "e.g. in a GitHub Actions matrix --shard ${{ matrix.shard }}/${{ strategy.job-total }}");
        }

        if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= count)
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture, $"--shard auto: {KubernetesIndexVariable}='{indexText}': expected a whole number from 0 to {count - 1} ({count} shards from {countSource})"));
        }

        return new ShardSpec(index + 1, count);
    }

    /// <summary>The shard as <c>i/n</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
