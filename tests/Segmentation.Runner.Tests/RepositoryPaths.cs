namespace Segmentation.Runner.Tests;

/// <summary>Locates the repository root (the folder holding Segmentation.sln) from the test output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    public static string Fixture(string relativePath) => Path.Combine(Root, "tests", "Segmentation.Runner.Tests", "Fixtures", relativePath);

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Segmentation.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Segmentation.sln not found above " + AppContext.BaseDirectory);
    }
}
