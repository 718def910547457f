using System.Text.RegularExpressions;

namespace Segmentation.Core;

/// <summary>The one rule for keeping credentials out of output: anything printed, logged or stored that may hold a URI goes through it.</summary>
public static partial class Secrets
{
    /// <summary>The mask that replaces user info in a URI.</summary>
    public const string Mask = "***";

    /// <summary>
    /// <paramref name="text"/> with the user info of every URI in it (<c>scheme://user:password@host</c>) replaced by
    /// <see cref="Mask"/>, so <c>http://ann:pw@mlflow:5000</c> prints as <c>http://***@mlflow:5000</c>.
    /// </summary>
    public static string RedactUris(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return UserInfo().Replace(text, "${scheme}" + Mask + "@");
    }

    // scheme "://" then user info up to the last '@' before the host; '/' ends the authority, so paths are untouched.
    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)[^/\s@]+@", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UserInfo();
}
