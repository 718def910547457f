namespace Segmentation.Runner.Reporting.Exporters;

/// <summary>Turns a sweep's report (<see cref="SweepSummary"/>) into one text format (like BenchmarkDotNet's exporters).</summary>
public interface ISweepExporter
{
    /// <summary>The file (or artifact) name this format is written under, e.g. <c>leaderboard.csv</c>.</summary>
    string FileName { get; }

    /// <summary>The report in this format.</summary>
    string Export(SweepSummary summary);
}
