namespace Segmentation.Runner.Algorithms;

/// <summary>
/// A <c>segment cluster</c> option an algorithm reads: one of its parameters, spelled <c>--name-with-dashes</c>, with
/// help text and the command-line default (which may differ from the config's, e.g. k is required in a sweep, 5 here).
/// </summary>
/// <param name="Parameter">The parameter the option sets; its constraint checks the value.</param>
/// <param name="Description">Help text; choices are appended from the constraint.</param>
/// <param name="Default">The default on the command line: an int, a double or a word, matching the constraint.</param>
public sealed record ClusterOption(ParameterConstraint Parameter, string Description, object Default)
{
    /// <summary>The option as typed, e.g. <c>--min-samples</c>.</summary>
    public string Name => "--" + Parameter.Name.Replace('_', '-');
}
