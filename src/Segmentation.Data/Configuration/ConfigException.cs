using Segmentation.Core.Errors;

namespace Segmentation.Data.Configuration;

/// <summary>A configuration error, located by file, line, column and key path.</summary>
public sealed class ConfigException : SegmentationException
{
    public ConfigException(string message, string? source, int line, int column, string? keyPath)
        : base(Format(message, source, line, column, keyPath))
    {
        Detail = message;
        Source = source;
        Line = line;
        Column = column;
        KeyPath = keyPath;
    }

    public ConfigException()
        : this("invalid configuration", null, 0, 0, null)
    {
    }

    public ConfigException(string message)
        : this(message, null, 0, 0, null)
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Detail = message;
    }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Config;

    /// <summary>What was wrong and what was expected, without the location.</summary>
    public string Detail { get; }

    /// <summary>The file (or "environment MLFLOW_…", "--flag") the value came from.</summary>
    public new string? Source { get; }

    /// <summary>1-based line, or 0 when the value did not come from a file.</summary>
    public int Line { get; }

    /// <summary>1-based column, or 0 when the value did not come from a file.</summary>
    public int Column { get; }

    /// <summary>Dotted key path such as <c>cleaning.stock_code_pattern</c>.</summary>
    public string? KeyPath { get; }

    private static string Format(string message, string? source, int line, int column, string? keyPath)
    {
        var where = source ?? "configuration";
        if (line > 0)
        {
            where += FormattableString.Invariant($":{line}:{column}");
        }

        return keyPath is { Length: > 0 } ? $"{where}: {keyPath}: {message}" : $"{where}: {message}";
    }
}
