using Segmentation.Core.Errors;

namespace Segmentation.Data.Ingestion;

/// <summary>
/// Input data that cannot be read as transactions: names the file, the line (or byte offset), the column and the
/// offending text, so the user can find and fix it.
/// </summary>
public sealed class DataFormatException : SegmentationException
{
    public DataFormatException(string detail, string file, long line = 0, string? column = null, string? text = null)
        : base(Format(detail, file, line, column, text))
    {
        Detail = detail;
        File = file;
        Line = line;
        Column = column;
        Text = text;
    }

    public DataFormatException()
        : this("invalid transaction data", "input")
    {
    }

    public DataFormatException(string message)
        : this(message, "input")
    {
    }

    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Detail = message;
        File = "input";
    }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Data;

    /// <summary>What was wrong and what was expected, without the location.</summary>
    public string Detail { get; }

    /// <summary>The input file (for a workbook: file and sheet).</summary>
    public string File { get; }

    /// <summary>1-based line (CSV) or row (workbook) number, 0 when the problem is not on one line.</summary>
    public long Line { get; }

    /// <summary>The column's header name, when the problem is in one column.</summary>
    public string? Column { get; }

    /// <summary>The offending text, when there is one.</summary>
    public string? Text { get; }

    private static string Format(string detail, string file, long line, string? column, string? text)
    {
        var where = line > 0 ? FormattableString.Invariant($"{file}:{line}") : file;
        if (column is not null)
        {
            where += $": column '{column}'";
        }

        return text is null ? $"{where}: {detail}" : $"{where}: {detail}: '{Shorten(text)}'";
    }

    // A whole garbage line can be megabytes; the message shows enough to recognise it.
    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
