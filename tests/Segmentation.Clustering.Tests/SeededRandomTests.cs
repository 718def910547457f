namespace Segmentation.Clustering.Tests;

public sealed class SeededRandomTests
{
    [Fact]
    public void ForStream_SameSeedAndStream_SameSequence()
    {
        var a = SeededRandom.ForStream(42, 3);
        var b = SeededRandom.ForStream(42, 3);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void ForStream_DifferentStreams_DifferentSequences()
    {
        var a = SeededRandom.ForStream(42, 0);
        var b = SeededRandom.ForStream(42, 1);
        Assert.NotEqual(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void NextDoubleAndNextInt_StayInRangeAndCoverIt()
    {
        var random = new SeededRandom(7);
        var seen = new bool[7];
        for (var i = 0; i < 10_000; i++)
        {
            var d = random.NextDouble();
            Assert.InRange(d, 0.0, 1.0 - double.Epsilon);
            var k = random.NextInt(7);
            Assert.InRange(k, 0, 6);
            seen[k] = true;
        }

        Assert.All(seen, Assert.True);
    }

    [Fact]
    public void NextUInt64_KnownSeed_StableAcrossRuntimeVersions()
    {
        // Regression guard: k-means++ seeds (and therefore every recorded KMeans result) depend on this exact stream.
        var random = new SeededRandom(0);
        var first = random.NextUInt64();
        var again = new SeededRandom(0).NextUInt64();
        Assert.Equal(first, again);
        Assert.Equal(ExpectedFirstOutputForSeedZero, first);
    }

    // xoshiro256** seeded through SplitMix64(0): state words 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, ...;
    // first output rotl(s1 * 5, 7) * 9.
    private static ulong ExpectedFirstOutputForSeedZero => unchecked(ulong.RotateLeft(0x6E789E6AA1B965F4UL * 5, 7) * 9);
}
