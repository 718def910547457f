using System.Text.Json;
using System.Text.Json.Serialization;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Recording;

namespace Segmentation.Runner.Selection;

/// <summary>
/// What a sweep is, as its parent run records it (artifact <see cref="SweepMembership.PlanArtifact"/>): the dataset and
/// the trial hashes its config expands to. Membership is read from it, so <c>segment promote</c> needs no config.
/// </summary>
/// <param name="SweepId">The sweep key: a hash of the dataset digest and the planned trial hashes.</param>
/// <param name="DatasetDigest">Digest of the feature table every trial trains on.</param>
/// <param name="ConfigHash">Hash of the effective config that planned it (informational: edits to constraints or the
/// objective change it but not the sweep).</param>
/// <param name="Trials">Every planned trial hash, in plan order.</param>
public sealed record SweepPlanRecord(
    [property: JsonPropertyName("sweep_id")] string SweepId,
    [property: JsonPropertyName("dataset_digest")] string DatasetDigest,
    [property: JsonPropertyName("config_hash")] string ConfigHash,
    [property: JsonPropertyName("trial_hashes")] IReadOnlyList<string> Trials)
{
    /// <summary>The record of a plan.</summary>
    public static SweepPlanRecord Of(SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new SweepPlanRecord(plan.SweepId, plan.DatasetDigest, plan.ConfigHash, plan.Trials.Select(t => t.Hash).ToList());
    }

    /// <summary>The artifact's JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RunnerJsonContext.Indented.SweepPlanRecord) + "\n";

    /// <summary>Parses the artifact; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="SelectionException">The text is not a plan record.</exception>
    public static SweepPlanRecord Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        SweepPlanRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(json, RunnerJsonContext.Default.SweepPlanRecord);
        }
        catch (JsonException ex)
        {
            throw new SelectionException($"{source}: not a sweep plan ({ex.Message})", ex);
        }

        if (record is null || string.IsNullOrEmpty(record.SweepId) || string.IsNullOrEmpty(record.DatasetDigest) || record.Trials is null)
        {
            throw new SelectionException($"{source}: not a sweep plan; expected sweep_id, dataset_digest and trial_hashes");
        }

        return record;
    }
}
