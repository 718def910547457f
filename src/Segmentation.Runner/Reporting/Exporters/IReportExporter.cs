namespace Segmentation.Runner.Reporting.Exporters;

/// <summary>
/// Turns one report object into one text format, like BenchmarkDotNet's exporters: a sweep's
/// (<see cref="SweepSummary"/>) into CSV, Markdown, JSON or console text, a promotion's
/// (<see cref="Promotion.PromotionResult"/>) into Markdown or JSON.
/// </summary>
/// <typeparam name="TReport">The report object.</typeparam>
public interface IReportExporter<in TReport>
{
    /// <summary>The file (or artifact) name this format is written under, e.g. <c>leaderboard.csv</c>.</summary>
    string FileName { get; }

    /// <summary>The report in this format.</summary>
    string Export(TReport report);
}
