using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Segmentation.Clustering.Tests;

public sealed class MatrixJsonConverterTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // A matrix large enough for the formatted-rows cache, with values whose shortest round-trip text varies in length
    // (and a −0, which must not be served the text of 0).
    private static Matrix Large(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var data = new double[rows * cols];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 6));
        }

        data[7] = -0.0;
        return new Matrix(data, rows, cols);
    }

    // What the converter wrote before it kept formatted rows: every value through the writer, row by row.
    private static string RowByRow(Matrix m, JsonWriterOptions options, Action<Utf8JsonWriter, Action> around)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            around(writer, () =>
            {
                writer.WriteStartArray();
                for (var i = 0; i < m.Rows; i++)
                {
                    writer.WriteStartArray();
                    foreach (var v in m.RowReadOnly(i))
                    {
                        writer.WriteNumberValue(v);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
            });
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private sealed record Holder(string Name, Matrix Samples, int After);

    [Fact]
    public void Write_LargeMatrixAsProperty_IsTheRowByRowTextOnEveryWrite()
    {
        var m = Large(MatrixJsonConverter.MinCachedValues / 3 + 5, 3, seed: 1);
        var expected = RowByRow(m, new JsonWriterOptions { Indented = true }, (w, matrix) =>
        {
            w.WriteStartObject();
            w.WriteString("Name", "a");
            w.WritePropertyName("Samples");
            matrix();
            w.WriteNumber("After", 2);
            w.WriteEndObject();
        });

        // The first write formats and keeps the rows; the second (an equal copy, as the next trial's model holds) reuses them.
        Assert.Equal(expected, JsonSerializer.Serialize(new Holder("a", m, 2), Indented));
        Assert.Equal(expected, JsonSerializer.Serialize(new Holder("a", new Matrix((double[])m.Data.Clone(), m.Rows, m.Cols), 2), Indented));
    }

    [Fact]
    public void Write_LargeMatricesAsListElementsAndAtOtherDepths_AreTheRowByRowText()
    {
        var m = Large(MatrixJsonConverter.MinCachedValues / 4, 4, seed: 2);
        var options = new JsonWriterOptions { Indented = true };
        var list = RowByRow(m, options, (w, matrix) =>
        {
            w.WriteStartArray();
            matrix();
            matrix();
            w.WriteEndArray();
        });
        var top = RowByRow(m, options, (_, matrix) => matrix());

        Assert.Equal(list, JsonSerializer.Serialize(new List<Matrix> { m, m }, Indented));
        Assert.Equal(top, JsonSerializer.Serialize(m, Indented));
        Assert.Equal(list, JsonSerializer.Serialize(new List<Matrix> { m, m }, Indented));
    }

    [Fact]
    public void Write_OtherWriterLayouts_AreTheRowByRowText()
    {
        var m = Large(MatrixJsonConverter.MinCachedValues, 1, seed: 3);
        foreach (var serializer in new[]
        {
            new JsonSerializerOptions(),
            new JsonSerializerOptions { WriteIndented = true, IndentCharacter = '\t', IndentSize = 1, NewLine = "\r\n" },
            new JsonSerializerOptions { WriteIndented = true, IndentSize = 4, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping },
        })
        {
            var options = new JsonWriterOptions
            {
                Indented = serializer.WriteIndented, IndentCharacter = serializer.IndentCharacter, IndentSize = serializer.IndentSize, NewLine = serializer.NewLine,
            };
            var expected = RowByRow(m, options, (w, matrix) =>
            {
                w.WriteStartObject();
                w.WriteString("Name", "b");
                w.WritePropertyName("Samples");
                matrix();
                w.WriteNumber("After", 1);
                w.WriteEndObject();
            });

            Assert.Equal(expected, JsonSerializer.Serialize(new Holder("b", m, 1), serializer));
            Assert.Equal(expected, JsonSerializer.Serialize(new Holder("b", m, 1), serializer));
        }
    }

    [Fact]
    public void Write_MatrixChangedAfterAWrite_WritesItsNewValues()
    {
        var m = Large(MatrixJsonConverter.MinCachedValues, 2, seed: 4);
        var before = JsonSerializer.Serialize(m, Indented);
        m[m.Rows - 1, 1] = 12345.5;
        m[0, 0] = 0.0;

        var after = JsonSerializer.Serialize(m, Indented);

        Assert.NotEqual(before, after);
        Assert.Equal(RowByRow(m, new JsonWriterOptions { Indented = true }, (_, matrix) => matrix()), after);
        Assert.Equal(m.Data, JsonSerializer.Deserialize<Matrix>(after)!.Data);
    }

    [Fact]
    public void Write_ThenRead_RoundTripsEveryBitOfALargeMatrix()
    {
        var m = Large(MatrixJsonConverter.MinCachedValues / 2, 3, seed: 5);

        var back = JsonSerializer.Deserialize<Matrix>(JsonSerializer.Serialize(m, Indented))!;

        Assert.Equal((m.Rows, m.Cols), (back.Rows, back.Cols));
        Assert.Equal(m.Data.Select(BitConverter.DoubleToInt64Bits), back.Data.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Write_SmallAndEmptyMatrices_AreTheRowByRowText()
    {
        foreach (var m in new[] { new Matrix(0, 3), new Matrix(2, 0), Matrix.FromRows([[1.5, -0.0], [3, 1e-7]]) })
        {
            Assert.Equal(RowByRow(m, new JsonWriterOptions { Indented = true }, (_, matrix) => matrix()), JsonSerializer.Serialize(m, Indented));
        }
    }
}
