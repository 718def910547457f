using Segmentation.Runner.Recording;
using Segmentation.Tracking;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Claims;

/// <summary>
/// Claims each trial of a sweep once across every process working on it (shards, identical concurrent sweeps, a re-run
/// of a killed shard): the trial's run is its own claim, checked before and after it is created.
/// </summary>
/// <remarks>
/// <para>A run <i>holds</i> a trial's claim when it is tagged with the trial hash on the sweep's dataset and is FINISHED,
/// or RUNNING with a heartbeat fresher than <see cref="ClaimSettings.StaleAfter"/> (<see cref="ClaimRuns.HoldsClaim"/>).</para>
/// <para>Before: if a run holds the claim, stop (finished, or held elsewhere); silent RUNNING runs of the trial are closed
/// FAILED as orphans. Create: our RUNNING run, tagged with the hash and a heartbeat from its creation. After: search
/// again; if any other run holds the claim, withdraw ours (KILLED, <c>segmentation.claim=lost</c>), else we own it.</para>
/// <para>Why each trial is FINISHED at most once: of two owners X and Y, say X's create was acknowledged first; Y's
/// after-search started later and (a created run being visible to every later search) saw X's run. X held its claim
/// then — it was RUNNING with a heartbeat (X never withdraws once it owns, and beats until its run is closed), or already
/// FINISHED — so Y withdrew. The exceptions are an X that failed (FAILED holds nothing: the trial is redone, as a resume
/// always did) and an X silent past the timeout, which is taken for dead; the timeout is many heartbeats long so a live
/// owner is never taken for dead. Should it happen anyway (a process frozen longer than the timeout that then finishes),
/// membership still picks one run per hash, the oldest, so selection stays deterministic.</para>
/// <para>Why none is lost: a withdrawn trial is <see cref="TrialClaimOutcome.HeldElsewhere"/>, and the runner retries it
/// after its other trials until it is FINISHED by someone or its holder stops holding (finished, failed or silent).</para>
/// </remarks>
public sealed class TrialClaims(ITrackingStore store, string experimentId, string datasetDigest, ClaimSettings settings, TimeProvider clock)
{
    private readonly ITrackingStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly ClaimSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>The settings in force.</summary>
    public ClaimSettings Settings => _settings;

    /// <summary>
    /// Claims the trial <paramref name="trialHash"/>; <paramref name="create"/> creates our RUNNING run (tagged with the hash,
    /// the dataset digest, kind trial and a heartbeat) and is called only when no run holds the claim.
    /// </summary>
    public async Task<TrialClaim> ClaimAsync(string trialHash, Func<CancellationToken, Task<string>> create, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(trialHash);
        ArgumentNullException.ThrowIfNull(create);
        var before = await RunsOfAsync(trialHash, cancellationToken).ConfigureAwait(false);
        var now = NowMs;
        if (Holder(before, now, exceptRunId: null) is { } holder)
        {
            return Decided(holder);
        }

        foreach (var orphan in before.Where(r => ClaimRuns.IsOrphan(r, _settings, now)))
        {
            await OrphanCollector.CloseAsync(_store, orphan, _settings, now).ConfigureAwait(false);
        }

        var runId = await create(cancellationToken).ConfigureAwait(false);
        var after = await RunsOfAsync(trialHash, cancellationToken).ConfigureAwait(false);
        if (Holder(after, NowMs, exceptRunId: runId) is { } rival)
        {
            // Not cancellable: a withdrawn run must not stay RUNNING, or it would block the trial until it looks silent.
            await _store.SetTagAsync(runId, SegmentationTags.Claim, SegmentationTags.ClaimLost, CancellationToken.None).ConfigureAwait(false);
            await RunClosing.CloseQuietlyAsync(
                _store, runId, RunStatus.Killed, new InvalidOperationException($"trial claimed concurrently by run {rival.Info.RunId}; this run was withdrawn"), NowMs).ConfigureAwait(false);
            return Decided(rival);
        }

        return new TrialClaim(TrialClaimOutcome.Claimed, runId);
    }

    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static TrialClaim Decided(Run holder) => new(
        holder.Info.Status == RunStatus.Finished ? TrialClaimOutcome.AlreadyFinished : TrialClaimOutcome.HeldElsewhere, holder.Info.RunId);

    // A FINISHED holder first: that decides the trial for good; then the oldest live one.
    private Run? Holder(IReadOnlyList<Run> runs, long nowMs, string? exceptRunId) => runs
        .Where(r => r.Info.RunId != exceptRunId && ClaimRuns.HoldsClaim(r, _settings, nowMs))
        .OrderBy(r => r.Info.Status == RunStatus.Finished ? 0 : 1)
        .ThenBy(r => r.Info.StartTimeMs)
        .ThenBy(r => r.Info.RunId, StringComparer.Ordinal)
        .FirstOrDefault();

    private Task<IReadOnlyList<Run>> RunsOfAsync(string trialHash, CancellationToken cancellationToken) => _store.SearchRunsAsync(
        new RunSearchRequest(
            [experimentId],
            $"tags.`{SegmentationTags.TrialHash}` = '{trialHash}' AND tags.`{SegmentationTags.DatasetDigest}` = '{datasetDigest}' AND tags.`{SegmentationTags.RunKind}` = '{SegmentationTags.RunKindTrial}'"),
        cancellationToken);
}
