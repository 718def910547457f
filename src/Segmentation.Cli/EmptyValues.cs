using System.CommandLine;
using System.CommandLine.Parsing;

namespace Segmentation.Cli;

/// <summary>
/// Refuses empty option and argument values for every verb in one place: <c>--tracking-uri ''</c> or
/// <c>--experiment ''</c> (an unset CI variable expanding to nothing) must not silently fall back to a default.
/// </summary>
public static class EmptyValues
{
    /// <summary>One message per empty value given on the command line, e.g. <c>option --experiment: expected a value, got an empty string</c>.</summary>
    public static IReadOnlyList<string> Find(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var problems = new List<string>();
        for (SymbolResult? result = parsed.CommandResult; result is not null; result = result.Parent)
        {
            foreach (var child in result is CommandResult command ? command.Children : [])
            {
                var (kind, name) = child switch
                {
                    OptionResult option => ("option", option.Option.Name),
                    ArgumentResult argument => ("argument", argument.Argument.Name),
                    _ => (null, null),
                };
                if (kind is not null && child.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value)))
                {
                    problems.Add($"{kind} {name}: expected a value, got an empty string");
                }
            }
        }

        return problems;
    }
}
