using System.Globalization;
using System.Text;

namespace Segmentation.Cli.Commands;

/// <summary>Plain-text tables for the <c>runs</c> verbs: space-padded columns, a dashed rule under the header.</summary>
public static class RunsTable
{
    /// <summary>Renders rows under a header; columns from <paramref name="rightAligned"/> on are right-aligned (numbers).</summary>
    public static string Render(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, int rightAligned = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        void Line(IReadOnlyList<string> cells)
        {
            for (var i = 0; i < cells.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append("  ");
                }

                sb.Append(i >= rightAligned ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
            }

            sb.Append('\n');
        }

        Line(header);
        Line(widths.Select(w => new string('-', w)).ToList());
        foreach (var row in rows)
        {
            Line(row);
        }

        // Trailing pad spaces of the last column are noise in terminals and golden files.
        return string.Join('\n', sb.ToString().Split('\n').Select(l => l.TrimEnd())).TrimEnd('\n') + "\n";
    }

    /// <summary>A metric value in up to 6 significant digits, invariant culture (NaN as "NaN").</summary>
    public static string FormatNumber(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Unix milliseconds as an ISO-8601 UTC time, or "-" when absent.</summary>
    public static string FormatTime(long? unixMs) => unixMs is { } ms
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : "-";
}
