using Segmentation.Data.Features;

namespace Segmentation.Data.Tests.Features;

public sealed class LongMapTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(200_000)]
    public void GetValueRefOrAddDefault_SeededRandomKeys_MatchesADictionary(int seed)
    {
        var map = new LongMap();
        var expected = new Dictionary<long, long>();
        var random = new Random(seed);
        for (var i = 0; i < 20_000; i++)
        {
            // Small dense keys, negative keys, keys differing only in the high half, and 0.
            var key = (i % 4) switch
            {
                0 => random.Next(300),
                1 => -random.Next(1_000),
                2 => (long)random.Next(50) << 32 | (uint)random.Next(3),
                _ => random.NextInt64(),
            };
            var value = random.Next(1_000);
            ref var slot = ref map.GetValueRefOrAddDefault(key, out var existed);
            Assert.Equal(expected.ContainsKey(key), existed);
            slot += value;
            expected[key] = expected.GetValueOrDefault(key) + value;
        }

        Assert.Equal(expected.Count, map.Count);
        var seen = Entries(map).ToDictionary(e => e.Key, e => e.Value);

        Assert.Equal(expected.Count, seen.Count);
        Assert.Equal(expected.OrderBy(e => e.Key), seen.OrderBy(e => e.Key));
    }

    [Fact]
    public void Add_SameKeyTwice_SecondIsFalseAndCountsOnce()
    {
        var map = new LongMap();

        Assert.True(map.Add(0));
        Assert.False(map.Add(0));
        Assert.True(map.Add(long.MinValue));

        Assert.Equal(2, map.Count);
        Assert.Equal([(long.MinValue, 0L), (0L, 0L)], Entries(map).OrderBy(e => e.Key));
    }

    [Fact]
    public void GetEnumerator_Empty_YieldsNothing() => Assert.Empty(Entries(new LongMap()));

    private static List<(long Key, long Value)> Entries(LongMap map)
    {
        var entries = new List<(long Key, long Value)>();
        foreach (var entry in map)
        {
            entries.Add(entry);
        }

        return entries;
    }
}
