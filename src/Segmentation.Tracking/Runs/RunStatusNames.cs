namespace Segmentation.Tracking.Runs;

/// <summary>Converts <see cref="RunStatus"/> to and from MLflow's wire/database names.</summary>
public static class RunStatusNames
{
    /// <summary>MLflow's name of a status (e.g. <c>FINISHED</c>).</summary>
    public static string ToMlflow(RunStatus status) => status switch
    {
        RunStatus.Running => "RUNNING",
        RunStatus.Scheduled => "SCHEDULED",
        RunStatus.Finished => "FINISHED",
        RunStatus.Failed => "FAILED",
        RunStatus.Killed => "KILLED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown run status"),
    };

    /// <summary>Parses MLflow's name of a status; throws <see cref="FormatException"/> naming the value otherwise.</summary>
    public static RunStatus Parse(string value) => value switch
    {
        "RUNNING" => RunStatus.Running,
        "SCHEDULED" => RunStatus.Scheduled,
        "FINISHED" => RunStatus.Finished,
        "FAILED" => RunStatus.Failed,
        "KILLED" => RunStatus.Killed,
        _ => throw new FormatException($"unknown run status '{value}' (expected RUNNING, SCHEDULED, FINISHED, FAILED or KILLED)"),
    };
}
