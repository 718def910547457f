using System.Globalization;
using System.Text;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Tests.Ingestion;

public sealed class StringPoolTests
{
    [Fact]
    public void Intern_ManyValuesThroughEveryOverload_CodesAreDenseInFirstSeenOrderAndAgree()
    {
        var pool = new StringPool();
        var random = new Random(7);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 50_000; i++)
        {
            // Repeats, runs of one value, lengths from 0 to past the stack buffer, and non-ASCII text.
            var n = random.Next(20_000);
            var value = (n % 5) switch
            {
                0 => "",
                1 => "INV" + n.ToString(CultureInfo.InvariantCulture),
                2 => "Crème brûlée №" + n.ToString(CultureInfo.InvariantCulture),
                3 => new string('x', n % 700) + n.ToString(CultureInfo.InvariantCulture),
                _ => n.ToString(CultureInfo.InvariantCulture),
            };
            var code = (i % 3) switch
            {
                0 => pool.Intern(Encoding.UTF8.GetBytes(value)),
                1 => pool.Intern(value),
                _ => pool.Intern(value.AsSpan()),
            };
            if (!expected.TryGetValue(value, out var want))
            {
                want = expected.Count;
                expected.Add(value, want);
            }

            Assert.Equal(want, code);
            Assert.Equal(code, pool.Intern(Encoding.UTF8.GetBytes(value)));
        }

        Assert.Equal(expected.Keys, pool.Values);
        Assert.All(expected, e => Assert.Equal(e.Key, pool.Value(e.Value)));
    }

    [Fact]
    public void Intern_InvalidUtf8_SharesTheCodeOfItsDecodedText()
    {
        var pool = new StringPool();

        var a = pool.Intern([0x41, 0xFF]);
        var b = pool.Intern([0x41, 0xFE]);

        Assert.Equal(a, b);
        Assert.Equal(a, pool.Intern("A\uFFFD"));
        Assert.Equal(["A\uFFFD"], pool.Values);
    }

    [Fact]
    public void Intern_LoneSurrogate_IsItsOwnValueNotTheReplacementCharacter()
    {
        var pool = new StringPool();

        var lone = pool.Intern("x\uD800");
        var replaced = pool.Intern("x\uFFFD");
        var next = pool.Intern("y");

        Assert.Equal([0, 1, 2], new[] { lone, replaced, next });
        Assert.Equal(lone, pool.Intern("x\uD800".AsSpan()));
        Assert.Equal(replaced, pool.Intern(Encoding.UTF8.GetBytes("x\uFFFD")));
        Assert.Equal(next, pool.Intern("y"u8));
        Assert.Equal(["x\uD800", "x\uFFFD", "y"], pool.Values);
    }
}
