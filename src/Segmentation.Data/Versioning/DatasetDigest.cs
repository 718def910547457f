using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Segmentation.Data.Features;

namespace Segmentation.Data.Versioning;

/// <summary>
/// The content address of a feature table: SHA-256 over a canonical encoding of its schema and values, so the
/// same content gets the same digest on any machine whatever Parquet settings (codec, row-group size, dictionary)
/// or creation time were used to store it.
/// </summary>
/// <remarks>
/// Encoding (version 1), all integers little-endian: the UTF-8 line <c>segmentation-dataset-v1</c>; the column
/// count (int32); per column its name (int32 byte length + UTF-8) and type tag (<c>int64</c>, <c>double</c>,
/// <c>decimal</c>); the row count (int64); then column by column in row order: customer ids as int64, doubles as
/// IEEE-754 bits with every NaN mapped to one quiet NaN and −0 to +0 (they compare equal, so they must hash equal),
/// exact monetary values as length-prefixed invariant decimal text with trailing zeros removed.
/// </remarks>
public static class DatasetDigest
{
    /// <summary>Length of the short form shown in tables and run names.</summary>
    public const int ShortLength = 12;

    private static readonly byte[] Magic = Encoding.UTF8.GetBytes("segmentation-dataset-v1\n");

    /// <summary>The full lowercase hex SHA-256 of the table's canonical encoding.</summary>
    public static string Compute(CustomerFeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> scratch = stackalloc byte[8];
        hash.AppendData(Magic);

        var schema = DatasetSchema.Of(table);
        BinaryPrimitives.WriteInt32LittleEndian(scratch, schema.Count);
        hash.AppendData(scratch[..4]);
        foreach (var column in schema)
        {
            AppendText(hash, column.Name, scratch);
            AppendText(hash, column.Type, scratch);
        }

        BinaryPrimitives.WriteInt64LittleEndian(scratch, table.RowCount);
        hash.AppendData(scratch);

        foreach (var id in table.CustomerIds)
        {
            BinaryPrimitives.WriteInt64LittleEndian(scratch, id);
            hash.AppendData(scratch);
        }

        foreach (var name in table.FeatureNames)
        {
            foreach (var value in table.Column(name))
            {
                BinaryPrimitives.WriteInt64LittleEndian(scratch, CanonicalBits(value));
                hash.AppendData(scratch);
            }
        }

        foreach (var value in table.ExactMonetary)
        {
            AppendText(hash, value.ToString("G29", CultureInfo.InvariantCulture), scratch);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The 12-character short form of a digest.</summary>
    public static string Short(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return digest.Length <= ShortLength ? digest : digest[..ShortLength];
    }

    private static long CanonicalBits(double value)
    {
        if (double.IsNaN(value))
        {
            return BitConverter.DoubleToInt64Bits(double.NaN);
        }

        return value == 0 ? 0L : BitConverter.DoubleToInt64Bits(value);
    }

    private static void AppendText(IncrementalHash hash, string text, Span<byte> scratch)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        BinaryPrimitives.WriteInt32LittleEndian(scratch, bytes.Length);
        hash.AppendData(scratch[..4]);
        hash.AppendData(bytes);
    }
}
