namespace Segmentation.Tracking.LoggedModels;

/// <summary>The wire names of <see cref="LoggedModelStatus"/> (v3 fixtures 101, 106, 107: the enum name or its number).</summary>
public static class LoggedModelStatusNames
{
    /// <summary>MLflow's enum name, e.g. <c>LOGGED_MODEL_READY</c>.</summary>
    public static string ToMlflow(LoggedModelStatus status) => status switch
    {
        LoggedModelStatus.Pending => "LOGGED_MODEL_PENDING",
        LoggedModelStatus.Ready => "LOGGED_MODEL_READY",
        LoggedModelStatus.UploadFailed => "LOGGED_MODEL_UPLOAD_FAILED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown logged model status"),
    };

    /// <summary>Parses an enum name or number as the server accepts them.</summary>
    /// <exception cref="FormatException">Neither a known name nor 1..3 (the server answers 400 there, fixture 107).</exception>
    public static LoggedModelStatus Parse(string text) => text switch
    {
        "LOGGED_MODEL_PENDING" or "1" => LoggedModelStatus.Pending,
        "LOGGED_MODEL_READY" or "2" => LoggedModelStatus.Ready,
        "LOGGED_MODEL_UPLOAD_FAILED" or "3" => LoggedModelStatus.UploadFailed,
        _ => throw new FormatException($"Invalid value \"{text}\" for parameter 'status' supplied"),
    };
}
