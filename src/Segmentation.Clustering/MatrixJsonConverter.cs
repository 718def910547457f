using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Segmentation.Clustering;

/// <summary>Writes a <see cref="Matrix"/> as a JSON array of rows and reads it back (doubles round-trip exactly).</summary>
/// <remarks>
/// Formatting doubles is nearly all of the writer's cost, and a sweep writes the same large matrix again and again: every
/// agglomerative trial of one preprocessing holds the same scaled training points (4,320 × 3 on the shipped data, 33 of the
/// grid's 99 trials). So the rows of a large matrix are formatted once and kept, with a copy of the values they came from,
/// for the few most recent such matrices; a later matrix with bit-equal values, shape and layout (writer options and depth)
/// gets those bytes copied in. The text is the one the row-by-row writer gives, byte for byte.
/// </remarks>
public sealed class MatrixJsonConverter : JsonConverter<Matrix>
{
    /// <summary>Matrices with fewer values are formatted each time: cheap, and kept out of the cache (centroids, covariances).</summary>
    internal const int MinCachedValues = 4096;

    /// <summary>Matrices with more values are formatted each time, so the cache never holds more than a few MB.</summary>
    internal const int MaxCachedValues = 1 << 18;

    private const int CacheEntries = 4;

    // Most recent first; guarded by its own lock (two trials serialise their models in parallel).
    private static readonly List<FormattedRows> Recent = new(CacheEntries);

    /// <inheritdoc />
    public override Matrix Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A matrix must be a JSON array of rows.");
        }

        var values = new List<double>();
        var rows = 0;
        var cols = -1;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"Matrix row {rows} must be a JSON array of numbers."));
            }

            var count = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                values.Add(reader.GetDouble());
                count++;
            }

            if (cols >= 0 && count != cols)
            {
                throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"Matrix row {rows} has {count} values; row 0 has {cols}."));
            }

            cols = count;
            rows++;
        }

        return new Matrix([.. values], rows, Math.Max(cols, 0));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Matrix value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        // The outer bracket is the writer's own, so whatever precedes it (a property name, a list separator, a line break
        // and indentation) is written as for any value; only the rows inside it come from the cache.
        writer.WriteStartArray();
        if (value.Data.Length is >= MinCachedValues and <= MaxCachedValues)
        {
            // A raw value ends like a row (the writer then breaks the line and indents before the closing bracket).
            writer.WriteRawValue(CachedRows(value, writer.Options, writer.CurrentDepth), skipInputValidation: true);
        }
        else
        {
            WriteRows(writer, value);
        }

        writer.WriteEndArray();
    }

    private static void WriteRows(Utf8JsonWriter writer, Matrix value)
    {
        for (var i = 0; i < value.Rows; i++)
        {
            writer.WriteStartArray();
            foreach (var v in value.RowReadOnly(i))
            {
                writer.WriteNumberValue(v);
            }

            writer.WriteEndArray();
        }
    }

    // The rows' text as a writer with these options writes them inside an array opened at this depth.
    private static byte[] CachedRows(Matrix value, JsonWriterOptions options, int depth)
    {
        lock (Recent)
        {
            var hit = Recent.FindIndex(e => e.Matches(value, options, depth));
            if (hit >= 0)
            {
                var entry = Recent[hit];
                Recent.RemoveAt(hit);
                Recent.Insert(0, entry);
                return entry.Utf8;
            }
        }

        var formatted = new FormattedRows((double[])value.Data.Clone(), value.Rows, value.Cols, options, depth, Format(value, options, depth));
        lock (Recent)
        {
            Recent.Insert(0, formatted);
            if (Recent.Count > CacheEntries)
            {
                Recent.RemoveAt(CacheEntries);
            }
        }

        return formatted.Utf8;
    }

    private static byte[] Format(Matrix value, JsonWriterOptions options, int depth)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, options with { SkipValidation = true });
        // Opened to the same depth, so the rows get the same line breaks and indentation as in the real writer.
        for (var d = 0; d < depth; d++)
        {
            writer.WriteStartArray();
        }

        writer.Flush();
        var start = buffer.WrittenCount;
        WriteRows(writer, value);
        writer.Flush();
        return buffer.WrittenSpan[start..].ToArray();
    }

    // The text of a matrix's rows, with the values and layout it was written from.
    private sealed record FormattedRows(double[] Values, int Rows, int Cols, JsonWriterOptions Options, int Depth, byte[] Utf8)
    {
        public bool Matches(Matrix value, JsonWriterOptions options, int depth) =>
            Rows == value.Rows && Cols == value.Cols && Depth == depth
            && Options.Indented == options.Indented && Options.IndentCharacter == options.IndentCharacter
            && Options.IndentSize == options.IndentSize && Options.NewLine == options.NewLine
            // Bit-equal, so −0 and 0 (written differently) are told apart.
            && MemoryMarshal.AsBytes(Values.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(value.Data.AsSpan()));
    }
}
