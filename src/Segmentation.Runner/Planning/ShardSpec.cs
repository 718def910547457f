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

    /// <summary>The shard as <c>i/n</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
