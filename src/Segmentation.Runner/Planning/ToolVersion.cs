using System.Reflection;

namespace Segmentation.Runner.Planning;

/// <summary>The tool version recorded in trial hashes: a new version re-runs every trial.</summary>
public static class ToolVersion
{
    /// <summary>The informational version of the runner assembly, without a source-revision suffix.</summary>
    public static string Current { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
