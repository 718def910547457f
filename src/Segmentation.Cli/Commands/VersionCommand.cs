using System.CommandLine;

namespace Segmentation.Cli.Commands;

/// <summary><c>segment version</c>: prints the tool version that trial hashes and manifests record.</summary>
public sealed class VersionCommand : Command
{
    public VersionCommand(CliContext context)
        : base("version", "Print the tool version")
    {
        SetAction(_ =>
        {
            context.Output.WriteLine(Segmentation.ToolVersion.Current);
            return ExitCodes.Success;
        });
    }
}
