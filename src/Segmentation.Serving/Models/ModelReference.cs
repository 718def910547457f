using System.Globalization;
using Segmentation.Core.Errors;
using Segmentation.Tracking.Models;
using Segmentation.Tracking.Registry;

namespace Segmentation.Serving.Models;

/// <summary>A parsed <c>--model</c> value: a registry alias, version or stage, a run's model, or a local model folder.</summary>
/// <param name="Kind">Which form it is.</param>
/// <param name="Text">The reference as the user wrote it.</param>
/// <param name="Name">Registered model name (registry forms), else null.</param>
/// <param name="Selector">The alias, version number or stage (registry forms), else null.</param>
/// <param name="RunId">The run id (<c>runs:/</c>), else null.</param>
/// <param name="FolderPath">The absolute folder path (local form), else null.</param>
public sealed record ModelReference(ModelReferenceKind Kind, string Text, string? Name, string? Selector, string? RunId, string? FolderPath)
{
    /// <summary>What <c>models:/NAME/latest</c> selects: the highest version, in any stage.</summary>
    public const string Latest = "latest";

    /// <summary>The accepted forms, for messages and help.</summary>
    public const string Forms = "models:/NAME@ALIAS, models:/NAME/VERSION, models:/NAME/STAGE (Staging, Production), runs:/RUN_ID/model or a local model folder";

    /// <summary>Whether the reference goes through the registry of the tracking URI.</summary>
    public bool IsRegistry => Kind is ModelReferenceKind.Alias or ModelReferenceKind.Version or ModelReferenceKind.Stage;

    /// <summary>Parses a reference; relative folder paths resolve against <paramref name="workingDirectory"/>.</summary>
    /// <exception cref="UsageException">Not one of the forms, or a folder that does not exist; the message lists the forms.</exception>
    public static ModelReference Parse(string text, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(workingDirectory);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException($"--model is empty; expected {Forms}");
        }

        if (text.StartsWith("models:/", StringComparison.Ordinal))
        {
            return ParseRegistry(text, text["models:/".Length..]);
        }

        if (text.StartsWith("runs:/", StringComparison.Ordinal))
        {
            var parts = text["runs:/".Length..].Split('/');
            if (parts.Length != 2 || parts[0].Length == 0 || !parts[0].All(char.IsAsciiLetterOrDigit))
            {
                throw new UsageException($"--model '{text}': expected runs:/RUN_ID/{ModelFolder.ArtifactPath}");
            }

            return parts[1] == ModelFolder.ArtifactPath
                ? new ModelReference(ModelReferenceKind.Run, text, null, null, parts[0], null)
                : throw new UsageException($"--model '{text}': this tool logs its model under the artifact path '{ModelFolder.ArtifactPath}' (runs:/{parts[0]}/{ModelFolder.ArtifactPath})");
        }

        if (text.Contains(":/", StringComparison.Ordinal) && !Path.IsPathRooted(text))
        {
            throw new UsageException($"--model '{text}': unknown scheme; expected {Forms}");
        }

        var folder = Path.GetFullPath(Path.Combine(workingDirectory, text));
        return Directory.Exists(folder)
            ? new ModelReference(ModelReferenceKind.LocalFolder, text, null, null, null, folder)
            : throw new UsageException($"--model '{text}': no such model folder '{folder}'; expected {Forms}");
    }

    private static ModelReference ParseRegistry(string text, string rest)
    {
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var name = rest[..at];
            var alias = rest[(at + 1)..];
            if (name.Length == 0 || alias.Length == 0 || name.Contains('/', StringComparison.Ordinal))
            {
                throw new UsageException($"--model '{text}': expected models:/NAME@ALIAS");
            }

            return ModelAliases.Validate(alias) is { } problem
                ? throw new UsageException($"--model '{text}': {problem}")
                : new ModelReference(ModelReferenceKind.Alias, text, name, alias, null, null);
        }

        var slash = rest.LastIndexOf('/');
        if (slash <= 0 || slash == rest.Length - 1)
        {
            throw new UsageException($"--model '{text}': expected models:/NAME@ALIAS, models:/NAME/VERSION or models:/NAME/STAGE");
        }

        var modelName = rest[..slash];
        var selector = rest[(slash + 1)..];
        if (selector.All(char.IsAsciiDigit))
        {
            return long.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1
                ? new ModelReference(ModelReferenceKind.Version, text, modelName, version.ToString(CultureInfo.InvariantCulture), null, null)
                : throw new UsageException($"--model '{text}': model versions start at 1");
        }

        if (string.Equals(selector, Latest, StringComparison.OrdinalIgnoreCase))
        {
            return new ModelReference(ModelReferenceKind.Stage, text, modelName, Latest, null, null);
        }

        var stage = ModelStages.All.FirstOrDefault(s => string.Equals(s, selector, StringComparison.OrdinalIgnoreCase));
        return stage is not null
            ? new ModelReference(ModelReferenceKind.Stage, text, modelName, stage, null, null)
            : throw new UsageException(
                $"--model '{text}': '{selector}' is neither a version number nor a stage ({string.Join(", ", ModelStages.All)}, {Latest}); for an alias write models:/{modelName}@{selector}");
    }
}
