namespace Segmentation.Tracking.LoggedModels;

/// <summary>The <c>models:/&lt;model_id&gt;</c> URI MLflow 3 registers versions from (v3 fixtures 126, 190).</summary>
public static class LoggedModelUri
{
    private const string Prefix = "models:/";

    /// <summary><c>models:/m-…</c> for a logged model id.</summary>
    public static string For(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return Prefix + modelId;
    }

    /// <summary>The model id of a <c>models:/m-…</c> source, or null for anything else (a run path, <c>models:/name/1</c>, <c>models:/name@alias</c>).</summary>
    public static string? ModelIdOf(string? source)
    {
        if (source is null || !source.StartsWith(Prefix + "m-", StringComparison.Ordinal))
        {
            return null;
        }

        var id = source[Prefix.Length..].TrimEnd('/');
        return id.Contains('/', StringComparison.Ordinal) || id.Contains('@', StringComparison.Ordinal) ? null : id;
    }
}
