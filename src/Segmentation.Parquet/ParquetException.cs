namespace Segmentation.Parquet;

/// <summary>The single exception type raised for malformed, truncated or unsupported Parquet input and for invalid writer use.</summary>
public sealed class ParquetException : Exception
{
    /// <summary>Creates an exception with a message that says what went wrong and where.</summary>
    public ParquetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the lower-level cause.</summary>
    public ParquetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no message.</summary>
    public ParquetException()
    {
    }
}
