using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Segmentation.Tracking.Sqlite;

/// <summary>SQL LIKE with MLflow's semantics: LIKE is case-sensitive, ILIKE is not (SQLite's own LIKE ignores ASCII case).</summary>
internal static class SqlLike
{
    private static readonly ConcurrentDictionary<(string Pattern, bool IgnoreCase), Regex> Cache = new();

    /// <summary>True when <paramref name="value"/> matches the LIKE <paramref name="pattern"/> (% any run, _ one character).</summary>
    public static bool Matches(string? value, string? pattern, bool ignoreCase)
    {
        if (value is null || pattern is null)
        {
            return false;
        }

        var regex = Cache.GetOrAdd((pattern, ignoreCase), static key =>
        {
            var sb = new StringBuilder("^");
            foreach (var c in key.Pattern)
            {
                sb.Append(c switch
                {
                    '%' => ".*",
                    '_' => ".",
                    _ => Regex.Escape(c.ToString()),
                });
            }

            sb.Append('$');
            var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (key.IgnoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
            return new Regex(sb.ToString(), options, TimeSpan.FromSeconds(1));
        });
        return regex.IsMatch(value);
    }
}
