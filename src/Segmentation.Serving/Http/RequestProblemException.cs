using Segmentation.Core.Errors;

namespace Segmentation.Serving.Http;

/// <summary>A request the server refuses, answered as an RFC 9457 problem naming the offending field.</summary>
public sealed class RequestProblemException : SegmentationException
{
    /// <summary>Creates the problem.</summary>
    /// <param name="status">400 for bad input, 413 for a body or batch over the limits.</param>
    /// <param name="field">The JSON path of the field at fault (<c>customers[2].frequency</c>), or empty for the whole body.</param>
    /// <param name="detail">What is wrong and what was expected.</param>
    public RequestProblemException(int status, string field, string detail)
        : base(field.Length == 0 ? detail : $"{field}: {detail}")
    {
        Status = status;
        Field = field;
        Detail = detail;
    }

    public RequestProblemException()
        : this(400, string.Empty, "bad request")
    {
    }

    public RequestProblemException(string message)
        : this(400, string.Empty, message)
    {
    }

    public RequestProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 400;
        Field = string.Empty;
        Detail = message;
    }

    /// <summary>The HTTP status to answer with.</summary>
    public int Status { get; }

    /// <summary>The JSON path of the offending field.</summary>
    public string Field { get; }

    /// <summary>The explanation without the field.</summary>
    public string Detail { get; }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Data;
}
