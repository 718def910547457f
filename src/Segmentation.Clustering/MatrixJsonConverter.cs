using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Segmentation.Clustering;

/// <summary>Writes a <see cref="Matrix"/> as a JSON array of rows and reads it back (doubles round-trip exactly).</summary>
public sealed class MatrixJsonConverter : JsonConverter<Matrix>
{
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
        writer.WriteStartArray();
        for (var i = 0; i < value.Rows; i++)
        {
            writer.WriteStartArray();
            foreach (var v in value.RowReadOnly(i))
            {
                writer.WriteNumberValue(v);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }
}
