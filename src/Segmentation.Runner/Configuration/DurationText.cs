using System.Globalization;
using System.Text.RegularExpressions;
using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>Durations written like <c>90s</c>, <c>10m</c>, <c>2h</c> or <c>1h30m</c>, as config values.</summary>
internal static partial class DurationText
{
    /// <summary>The duration a scalar spells; a located <see cref="ConfigException"/> for anything else or for zero.</summary>
    public static TimeSpan Parse(ConfigScalar scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        var match = Pattern().Match(scalar.Text.Trim());
        if (!match.Success || match.Length == 0)
        {
            throw scalar.Error($"expected a duration such as 90s, 10m, 2h or 1h30m, found '{scalar.Text}'");
        }

        var total = TimeSpan.FromHours(Part(match, "h")) + TimeSpan.FromMinutes(Part(match, "m")) + TimeSpan.FromSeconds(Part(match, "s"));
        return total > TimeSpan.Zero ? total : throw scalar.Error($"expected a duration above zero, found '{scalar.Text}'");
    }

    private static int Part(Match match, string unit) =>
        match.Groups[unit].Success ? int.Parse(match.Groups[unit].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<h>\d{1,4})h)?(?:(?<m>\d{1,6})m)?(?:(?<s>\d{1,7})s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
