using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Models;

public sealed partial class ModelFolder
{
    /// <summary>Reads a model folder this tool wrote from <paramref name="directory"/>.</summary>
    /// <exception cref="ModelFolderException">No MLmodel, no <see cref="FlavorName"/> flavor, or its pipeline file is missing; the message names the file.</exception>
    public static ModelFolder Read(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.GetFullPath(directory);
        var mlModelPath = Path.Combine(full, MlModelFile);
        if (!File.Exists(mlModelPath))
        {
            throw new ModelFolderException(mlModelPath,
                $"'{mlModelPath}' does not exist: '{full}' is not a model folder (expected {MlModelFile} and {DocumentFile}, as this tool logs under the '{ArtifactPath}' artifact path)");
        }

        var mlModel = MlModel.Parse(File.ReadAllText(mlModelPath), mlModelPath);
        if (!mlModel.Flavors.TryGetValue(FlavorName, out var flavor))
        {
            var found = mlModel.Flavors.Count == 0 ? "none" : string.Join(", ", mlModel.Flavors.Keys.Order(StringComparer.Ordinal));
            throw new ModelFolderException(mlModelPath,
                $"'{mlModelPath}' has no '{FlavorName}' flavor (flavors: {found}): this model was not written by this tool, which loads only its own models");
        }

        if (flavor.GetValueOrDefault("document") is { } document)
        {
            var documentPath = Inside(full, document, mlModelPath);
            if (!File.Exists(documentPath))
            {
                throw new ModelFolderException(documentPath, $"'{documentPath}' does not exist: the model folder '{full}' is incomplete (its {MlModelFile} names this document)");
            }

            var (pipeline, profile, attachments) = ModelDocument.Read(File.ReadAllText(documentPath), documentPath);
            return new ModelFolder(full, mlModel, flavor, pipeline, profile, attachments, documentPath, documentPath);
        }

        return ReadSeparateFiles(full, mlModel, flavor, mlModelPath);
    }

    // The layout before the document (champions registered by earlier versions): pipeline, profile and each attachment in a file of its own.
    private static ModelFolder ReadSeparateFiles(string full, MlModel mlModel, IReadOnlyDictionary<string, string> flavor, string mlModelPath)
    {
        var pipelinePath = Inside(full, flavor.GetValueOrDefault("pipeline") ?? PipelineFile, mlModelPath);
        if (!File.Exists(pipelinePath))
        {
            throw new ModelFolderException(pipelinePath, $"'{pipelinePath}' does not exist: the model folder '{full}' is incomplete (its {MlModelFile} names this pipeline file)");
        }

        var profilePath = Inside(full, flavor.GetValueOrDefault("cluster_profile") ?? ProfileFile, mlModelPath);
        string[] own = [MlModelFile, RequirementsFile, PythonEnvFile, pipelinePath, profilePath];
        var attachments = Directory.EnumerateFiles(full)
            .Where(path => !own.Contains(Path.GetFileName(path), StringComparer.Ordinal) && !own.Contains(path, StringComparer.Ordinal))
            .ToDictionary(path => Path.GetFileName(path), File.ReadAllText, StringComparer.Ordinal);
        return new ModelFolder(full, mlModel, flavor, File.ReadAllText(pipelinePath), File.Exists(profilePath) ? File.ReadAllText(profilePath) : null, attachments, pipelinePath, null);
    }

    // A file named in MLmodel must stay inside the folder: MLmodel may come from anywhere.
    private static string Inside(string folder, string relative, string mlModelPath)
    {
        var path = Path.GetFullPath(Path.Combine(folder, relative));
        return path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ModelFolderException(mlModelPath, $"'{mlModelPath}' names the file '{relative}', which is outside the model folder");
    }
}
