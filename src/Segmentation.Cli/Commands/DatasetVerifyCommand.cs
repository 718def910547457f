using System.CommandLine;

namespace Segmentation.Cli.Commands;

/// <summary><c>segment data verify [DIGEST]</c>: re-hashes stored content; exit code 2 when any version does not match.</summary>
public sealed class DatasetVerifyCommand : Command
{
    private readonly Argument<string?> _digest = new("digest") { Description = "A digest or prefix; all versions when omitted", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _store = new("--store") { Description = "Dataset store folder (default: .segmentation/datasets)" };

    public DatasetVerifyCommand(CliContext context)
        : base("verify", "Re-hash stored dataset versions and report any mismatch")
    {
        ArgumentNullException.ThrowIfNull(context);
        Arguments.Add(_digest);
        Options.Add(_store);
        SetAction((parse, ct) => CommandErrors.GuardAsync(context, async () =>
        {
            var store = DataCommandInputs.OpenStore(context, parse.GetValue(_store));
            var results = store.Verify(parse.GetValue(_digest));
            foreach (var r in results)
            {
                var line = r.Ok ? $"ok        {r.Digest}" : $"MISMATCH  {r.Digest}: {r.Problem}" + (r.ActualDigest is { } a ? $" (content hashes to {a})" : "");
                await context.Output.WriteLineAsync(line).ConfigureAwait(false);
            }

            var bad = results.Count(r => !r.Ok);
            await context.Output.WriteLineAsync($"{results.Count} verified, {bad} damaged").ConfigureAwait(false);
            return bad == 0 ? ExitCodes.Success : ExitCodes.UsageOrDataError;
        }, parse, ct));
    }
}
