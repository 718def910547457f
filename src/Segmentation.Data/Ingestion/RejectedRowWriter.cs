using System.Text;

namespace Segmentation.Data.Ingestion;

/// <summary>Writes the rows skipped under <c>on_bad_rows: skip</c> as CSV: <c>line,reason,raw</c>.</summary>
internal sealed class RejectedRowWriter : IDisposable
{
    private readonly StreamWriter _writer;

    public RejectedRowWriter(string path)
    {
        Path = path;
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        _writer.WriteLine("line,reason,raw");
    }

    public string Path { get; }

    public long Count { get; private set; }

    public void Write(long line, string reason, string raw)
    {
        _writer.Write(line.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _writer.Write(',');
        _writer.Write(Quote(reason));
        _writer.Write(',');
        _writer.WriteLine(Quote(raw));
        Count++;
    }

    public void Dispose() => _writer.Dispose();

    internal static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
