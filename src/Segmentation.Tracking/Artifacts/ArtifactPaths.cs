using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Rest;

namespace Segmentation.Tracking.Artifacts;

/// <summary>Checks the run-relative artifact file paths both stores accept, so they refuse the same paths.</summary>
internal static class ArtifactPaths
{
    /// <summary>Normalises a run-relative file path (e.g. <c>model/MLmodel</c>): '/'-separated, not absolute, no empty, '.' or '..' segments.</summary>
    /// <exception cref="InvalidParameterException">The path is empty, absolute or could leave the run's artifact folder.</exception>
    public static string NormaliseFile(string artifactFilePath, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(artifactFilePath);
        // Checked before normalising, which would otherwise quietly turn "/etc/x" into "etc/x".
        if (artifactFilePath.StartsWith('/') || artifactFilePath.StartsWith('\\') || Path.IsPathRooted(artifactFilePath)
            || (artifactFilePath.Length >= 2 && artifactFilePath[1] == ':'))
        {
            throw new InvalidParameterException($"artifact path {parameterName}='{artifactFilePath}' is absolute: expected a path relative to the run's artifact root, e.g. model/MLmodel");
        }

        var normalised = MlflowArtifactPaths.NormaliseRelative(artifactFilePath, parameterName);
        return normalised.Length > 0 && !artifactFilePath.EndsWith('/') && !artifactFilePath.EndsWith('\\')
            ? normalised
            : throw new InvalidParameterException($"artifact path {parameterName}='{artifactFilePath}' names no file: expected e.g. model/MLmodel or leaderboard.csv");
    }
}
