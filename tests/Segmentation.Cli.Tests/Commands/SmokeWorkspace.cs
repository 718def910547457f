using System.IO.Compression;

namespace Segmentation.Cli.Tests.Commands;

/// <summary>
/// A temp working directory laid out like a checkout for <c>configs/smoke.yaml</c>: the config, a params.yaml and the first
/// lines of the shipped transactions (enough to exercise the real pipeline and dataset store in seconds). Deleted on dispose.
/// </summary>
internal sealed class SmokeWorkspace : IDisposable
{
    public SmokeWorkspace(string prefix, int invoiceLines)
    {
        Directory = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        var repo = RepositoryRoot();
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "configs"));
        File.Copy(Path.Combine(repo, "configs", "smoke.yaml"), Path.Combine(Directory, "configs", "smoke.yaml"));
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(repo, "data", "online_retail.csv.gz")), CompressionMode.Decompress)))
        using (var writer = new StreamWriter(Path.Combine(Directory, "slice.csv")))
        {
            for (var i = 0; i <= invoiceLines && reader.ReadLine() is { } line; i++)
            {
                writer.Write(line);
                writer.Write("\r\n");
            }
        }

        File.WriteAllText(Path.Combine(Directory, "params.yaml"), "data:\n  input: slice.csv\n");
    }

    /// <summary>The working directory.</summary>
    public string Directory { get; }

    /// <summary>The repository checkout the tests run from (the folder holding Segmentation.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Segmentation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (Segmentation.sln) not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
