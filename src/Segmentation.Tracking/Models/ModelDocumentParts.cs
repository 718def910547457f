using System.Runtime.CompilerServices;

namespace Segmentation.Tracking.Models;

/// <summary>
/// The JSON parts of a model document (<see cref="ModelFolderContent.PipelineJson"/>, <c>.json</c> attachments) known to be
/// one complete JSON value: the model document copies these in as they are, and checks any other part first.
/// </summary>
/// <remarks>
/// The check is a full reader pass, and an agglomerative pipeline holds every training point (450 KB of JSON on the shipped
/// data): that pass cost more than the rest of its model folder, on text a serializer wrote a moment before. A part checked
/// once is remembered too (a sweep attaches the same training params text to every trial). Kept by string instance, weakly:
/// a string never changes, so neither does its validity.
/// </remarks>
public static class ModelDocumentParts
{
    private static readonly object Valid = new();
    private static readonly ConditionalWeakTable<string, object> Known = [];

    /// <summary>
    /// Declares <paramref name="json"/> the output of a JSON serializer or writer — one complete value, not the JSON null — so
    /// the model document copies it in without checking it again; returns it.
    /// </summary>
    public static string Serialized(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Known.AddOrUpdate(json, Valid);
        return json;
    }

    /// <summary>Whether <paramref name="json"/> was declared (<see cref="Serialized"/>) or already checked.</summary>
    internal static bool IsKnownValid(string json) => Known.TryGetValue(json, out _);

    /// <summary>Remembers a part the model document has checked.</summary>
    internal static void RememberChecked(string json) => Known.AddOrUpdate(json, Valid);
}
