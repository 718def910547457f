using Segmentation.Runner.Reporting;

namespace Segmentation.Runner.Tests.Reporting;

/// <summary>Reports for exporter tests: a finished one-shard sweep around a given leaderboard.</summary>
internal static class ReportFixtures
{
    public static SweepSummary Summary(Leaderboard board) =>
        new(
            "sqlite:///mlflow.db",
            "exp",
            "1",
            "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
            "kmeans.yaml",
            "0123456789abcdef",
            "config-hash",
            "5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed",
            "1/1",
            board.Entries.Count,
            board.Entries.Count,
            board.Entries.Count,
            0,
            0,
            false,
            1.5,
            board);
}
