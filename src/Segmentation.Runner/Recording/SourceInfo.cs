using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Recording;

/// <summary>Who and what ran a sweep: the MLflow source tags.</summary>
/// <param name="User">The OS user name.</param>
/// <param name="SourceName">The entry point, e.g. <c>segment sweep configs/kmeans.yaml</c>.</param>
/// <param name="GitCommit">The commit checked out in the working directory, or null outside a git repository.</param>
public sealed record SourceInfo(string User, string SourceName, string? GitCommit)
{
    /// <summary>Reads the source of a sweep of <paramref name="configPath"/> run from <paramref name="workingDirectory"/>.</summary>
    public static SourceInfo Detect(string workingDirectory, string configPath)
    {
        ArgumentNullException.ThrowIfNull(workingDirectory);
        ArgumentNullException.ThrowIfNull(configPath);
        var relative = Path.GetRelativePath(workingDirectory, configPath).Replace('\\', '/');
        return new SourceInfo(Environment.UserName, "segment sweep " + relative, GitHead.Read(workingDirectory));
    }

    /// <summary>The MLflow system tags: user, source name and type, and the git commit when known.</summary>
    public IEnumerable<KeyValuePair<string, string>> Tags()
    {
        yield return new(MlflowTags.User, User);
        yield return new(MlflowTags.SourceName, SourceName);
        yield return new(MlflowTags.SourceType, MlflowTags.SourceTypeLocal);
        if (GitCommit is not null)
        {
            yield return new(MlflowTags.SourceGitCommit, GitCommit);
        }
    }
}
