namespace Segmentation.Data.Configuration;

/// <summary>Where the pipeline parameters (<c>params.yaml</c>, DVC-style) come from: the one rule every verb and the sweep use.</summary>
public static class ParamsFile
{
    /// <summary>Default parameters file name, looked up in the working directory.</summary>
    public const string DefaultName = "params.yaml";

    /// <summary>
    /// The parameters file to read: <paramref name="explicitPath"/> (relative to the working directory) when given — it
    /// must exist — else <c>params.yaml</c> in the working directory when present, else null (built-in defaults only).
    /// </summary>
    public static string? Locate(string workingDirectory, string? explicitPath)
    {
        ArgumentNullException.ThrowIfNull(workingDirectory);
        if (explicitPath is not null)
        {
            return Path.GetFullPath(explicitPath, workingDirectory);
        }

        var defaultPath = Path.Combine(workingDirectory, DefaultName);
        return File.Exists(defaultPath) ? defaultPath : null;
    }

    /// <summary>The parsed parameters file (see <see cref="Locate"/>), or null when there is none.</summary>
    /// <exception cref="ConfigException">The file is missing (when named explicitly) or not valid YAML.</exception>
    public static ConfigMapping? Load(string workingDirectory, string? explicitPath) =>
        Locate(workingDirectory, explicitPath) is { } path ? ConfigDocument.Load(path) : null;
}
