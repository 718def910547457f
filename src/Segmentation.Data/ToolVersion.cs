using System.Reflection;

namespace Segmentation;

/// <summary>
/// The tool version every layer records: in dataset manifests, trial hashes (a new version re-runs every trial) and
/// <c>segment version</c>. All assemblies share the version in Directory.Build.props; this reads it once.
/// </summary>
public static class ToolVersion
{
    /// <summary>The informational version without its source-revision suffix, e.g. <c>0.1.0</c>.</summary>
    public static string Current { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
