namespace Segmentation.Serving.Tests.Fixtures;

/// <summary>Locates the repository root (the folder holding Segmentation.sln) from the test output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    public static string ShippedDataset => Path.Combine(Root, "data", "online_retail.csv.gz");

    public static string ParamsFile => Path.Combine(Root, "params.yaml");

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
