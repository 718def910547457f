using System.CommandLine;
using System.Reflection;

namespace Segmentation.Cli.Commands;

/// <summary><c>segment version</c>: prints the tool version that trial hashes and manifests record.</summary>
public sealed class VersionCommand : Command
{
    public VersionCommand(CliContext context)
        : base("version", "Print the tool version")
    {
        SetAction(_ =>
        {
            context.Output.WriteLine(ToolVersion);
            return ExitCodes.Success;
        });
    }

    /// <summary>The informational version of the <c>segment</c> assembly.</summary>
    public static string ToolVersion { get; } =
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
