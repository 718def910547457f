using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Tests.Algorithms;

/// <summary>Algorithm sections as a sweep file would hold them, rooted at <c>search.algorithms.&lt;name&gt;</c>.</summary>
internal static class Sections
{
    /// <summary>Parses <c>{…}</c> as the section of <paramref name="algorithm"/>, so errors carry the real key path.</summary>
    public static ConfigMapping Of(string algorithm, string flowMapping)
    {
        var document = ConfigDocument.Parse($"search:\n  algorithms:\n    {algorithm}: {flowMapping}\n", "sweep.yaml");
        return document.GetMapping("search").GetMapping("algorithms").GetMapping(algorithm);
    }
}
