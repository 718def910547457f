namespace Segmentation.Runner.Reporting.Html;

/// <summary>
/// A sweep's report with its figures rendered, before the gate decides: the figures draw only the leaderboard's curves
/// and the best trial, which neither closing the parent run nor promotion changes, so the sweep draws them meanwhile.
/// </summary>
/// <param name="Report">The report, of the summary as it was before the parent run closed.</param>
/// <param name="Figures">Every figure of <paramref name="Report"/>, rendered once.</param>
public sealed record PreparedReport(HtmlReport Report, IReadOnlyList<RenderedFigure> Figures);
