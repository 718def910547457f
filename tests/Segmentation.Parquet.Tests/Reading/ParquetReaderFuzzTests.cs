using System.Buffers.Binary;
using Segmentation.Parquet.Reading;
using Segmentation.Parquet.Writing;

namespace Segmentation.Parquet.Tests.Reading;

public class ParquetReaderFuzzTests
{
    // PARQUET_FUZZ_CASES raises the count for a deeper local run; CI keeps the suite at a few seconds.
    private static readonly int CasesPerFile = int.TryParse(Environment.GetEnvironmentVariable("PARQUET_FUZZ_CASES"), out var cases) && cases > 0 ? cases : 600;

    public static TheoryData<string> Files() => new() { "ours-snappy-dict", "ours-gzip-plain", "ours-none-dict", "duckdb-v2-snappy", "duckdb-v1-gzip" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Read_MutatedFile_RaisesOnlyParquetException(string name)
    {
        var original = Load(name);
        var failures = new List<string>();
        var parquetErrors = 0;
        for (var seed = 0; seed < CasesPerFile && failures.Count < 5; seed++)
        {
            var mutated = Mutate(original, new Random(seed), out var mutation);
            try
            {
                ReadEverything(mutated);
            }
            catch (ParquetException)
            {
                parquetErrors++;
            }
            catch (Exception e)
            {
                failures.Add($"{name} seed {seed} ({mutation}): {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        // Most mutations must be detected, or the fuzzer is not reaching the decoders.
        Assert.True(parquetErrors > CasesPerFile / 4, $"only {parquetErrors} of {CasesPerFile} mutations were rejected");
    }

    internal static byte[] Load(string name)
    {
        if (name.StartsWith("duckdb", StringComparison.Ordinal))
        {
            return File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", name + ".parquet"));
        }

        var parts = name.Split('-');
        var options = new ParquetWriterOptions
        {
            Compression = Enum.Parse<ParquetCompression>(parts[1], ignoreCase: true),
            UseDictionary = parts[2] == "dict",
            RowGroupSize = 70,
            DataPageSize = 1024,
        };
        return SampleTables.Write(SampleTables.AllTypes, SampleTables.Build(150, seed: 3), options);
    }

    internal static void ReadEverything(byte[] file)
    {
        using var reader = ParquetReader.Open(new MemoryStream(file));
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            foreach (var field in reader.Schema.Fields)
            {
                _ = reader.GetStatistics(g, field.Name);
            }

            var group = reader.ReadRowGroup(g);
            foreach (var column in group)
            {
                for (var i = 0; i < column.Count; i++)
                {
                    _ = column.GetValue(i);
                }
            }
        }
    }

    private static byte[] Mutate(byte[] original, Random random, out string mutation)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0:
                var flips = random.Next(1, 5);
                for (var i = 0; i < flips; i++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                mutation = $"{flips} bit flips";
                return bytes;
            case 1:
                var length = random.Next(bytes.Length);
                mutation = $"truncated to {length} bytes";
                return bytes[..length];
            case 2:
                var at = random.Next(bytes.Length);
                var count = Math.Min(random.Next(1, 9), bytes.Length - at);
                random.NextBytes(bytes.AsSpan(at, count));
                mutation = $"{count} bytes overwritten at {at}";
                return bytes;
            case 3:
                // Lengths and counts live in the footer and page headers as varints; plant large ones there.
                var position = random.Next(bytes.Length - 5);
                ReadOnlySpan<byte> huge = random.Next(3) switch
                {
                    0 => [0xFF, 0xFF, 0xFF, 0xFF, 0x0F],
                    1 => [0x80, 0x80, 0x80, 0x80, 0x08],
                    _ => [0xFE, 0xFF, 0xFF, 0x7F, 0x00],
                };
                huge.CopyTo(bytes.AsSpan(position));
                mutation = $"large varint planted at {position}";
                return bytes;
            default:
                var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
                var footerStart = Math.Max(0, bytes.Length - 8 - footerLength);
                var target = random.Next(footerStart, bytes.Length - 8);
                bytes[target] = (byte)random.Next(256);
                mutation = $"footer byte {target} set to {bytes[target]}";
                return bytes;
        }
    }
}
