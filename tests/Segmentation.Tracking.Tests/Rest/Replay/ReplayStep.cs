using System.Text.Json;

namespace Segmentation.Tracking.Tests.Rest.Replay;

/// <summary>One expected exchange: a fixture, optionally with its request replaced and with fields our client adds that the recording lacks.</summary>
/// <param name="Fixture">The recorded exchange whose response is served.</param>
/// <param name="RequestOverride">Replaces the recorded request when a flow reuses a generic recorded answer (e.g. a 404 for another name).</param>
/// <param name="IgnoredExtraFields">Top-level body fields or query keys our client sends that this recording did not (e.g. run_view_type).</param>
public sealed record ReplayStep(ContractFixture Fixture, JsonElement? RequestOverride, IReadOnlySet<string> IgnoredExtraFields)
{
    /// <summary>A step replaying fixture <paramref name="number"/> as recorded.</summary>
    public static ReplayStep Of(string number, params string[] ignoredExtraFields) =>
        new(ContractFixture.Load(number), null, ignoredExtraFields.ToHashSet(StringComparer.Ordinal));

    /// <summary>A step serving fixture <paramref name="number"/>'s response to a different request.</summary>
    public static ReplayStep WithRequest(string number, string requestJson)
    {
        using var document = JsonDocument.Parse(requestJson);
        return new(ContractFixture.Load(number), document.RootElement.Clone(), new HashSet<string>(StringComparer.Ordinal));
    }

    /// <summary>The request the client is expected to send.</summary>
    public JsonElement ExpectedRequest => RequestOverride ?? Fixture.Request;
}
