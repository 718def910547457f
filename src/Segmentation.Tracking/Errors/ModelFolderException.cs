namespace Segmentation.Tracking.Errors;

/// <summary>A model folder this tool cannot load: no MLmodel, not our flavor, a missing or unreadable file; the message names the file.</summary>
public sealed class ModelFolderException : MlflowException
{
    public ModelFolderException()
        : this("the model folder cannot be read")
    {
    }

    public ModelFolderException(string message)
        : base(ErrorCodes.InvalidState, message)
    {
        FilePath = string.Empty;
    }

    public ModelFolderException(string message, Exception innerException)
        : base(ErrorCodes.InvalidState, message, null, innerException)
    {
        FilePath = string.Empty;
    }

    public ModelFolderException(string filePath, string message, Exception? innerException = null)
        : base(ErrorCodes.InvalidState, message, null, innerException)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        FilePath = filePath;
    }

    /// <summary>The file (or folder, or artifact path) at fault; empty when unknown.</summary>
    public string FilePath { get; }
}
