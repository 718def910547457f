namespace Segmentation.Monitoring.Configuration;

/// <summary>The lower-case words the CLI, JSON, tags and report use for <see cref="DriftStatus"/>.</summary>
public static class DriftStatusNames
{
    /// <summary>The words, in order.</summary>
    public static IReadOnlyList<string> All { get; } = ["stable", "warn", "alert"];

    /// <summary>The word of <paramref name="status"/>.</summary>
    public static string Of(DriftStatus status) => All[(int)status];
}
