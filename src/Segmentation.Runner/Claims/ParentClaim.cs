using System.Globalization;
using Segmentation.Tracking;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Claims;

/// <summary>
/// Makes every process of one sweep (shards, identical concurrent sweeps, re-runs) converge on exactly one parent run,
/// using only what every MLflow backend offers: create, search, set-tag and update of a run.
/// </summary>
/// <remarks>
/// <para>The protocol. A process first searches the sweep's runs: a run whose kind is <c>sweep</c> is the parent and is
/// adopted. Otherwise it <b>creates</b> a candidate (kind <c>sweep_candidate</c>, carrying the sweep id from its very
/// creation), then <b>searches again</b>. It wins only if that second search shows no other candidate or parent holding a
/// claim; it then retags its candidate kind <c>sweep</c>. Otherwise it withdraws (kind <c>withdrawn</c>, KILLED) and, after
/// a random pause, starts over — adopting the parent if one has appeared.</para>
/// <para>Why at most one wins, under any interleaving. MLflow's search is not transactional, but a run whose create
/// was acknowledged is visible to every search that starts later (each backend commits a create, with its tags, before
/// answering). Take two winners X and Y and say X's create was acknowledged first. Y searched after its own create, so
/// after X's create: Y's search saw X — as a candidate, or already as the parent. X never withdrew (winners do not), so
/// Y saw a claim other than its own and could not have won. Hence two winners are impossible; a process that won is the
/// parent that everyone arriving later adopts or loses against.</para>
/// <para>Why one eventually wins: a round is lost only to a candidate seen in the same moment; every loser withdraws,
/// and the random pauses let one process run its create-and-search alone, which it wins.</para>
/// <para>A process that dies between create and decision leaves a candidate nobody may count forever: a candidate
/// older than <see cref="ClaimSettings.StaleAfter"/> (by its start time on the observer's clock) holds no claim. It
/// stays safe because a candidate decides within half the timeout of its own create or withdraws instead of winning —
/// so with clocks within half the timeout of each other, no candidate that can still win is ever ignored. The parent
/// itself (kind <c>sweep</c>) never expires: adopting a parent whose owner died is exactly what a re-run shard should do.
/// Searches here return a handful of runs (the sweep id and kind filter), one page, so paging cannot hide a run.</para>
/// </remarks>
public sealed class ParentClaim(ITrackingStore store, ClaimSettings settings, TimeProvider clock)
{
    private const int MaxRounds = 50;
    private readonly ITrackingStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly ClaimSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>
    /// The sweep's one parent: the existing one, or a candidate made by <paramref name="createCandidate"/> (which must create
    /// a RUNNING run tagged with the sweep id and kind <see cref="SegmentationTags.RunKindSweepCandidate"/>) once it won.
    /// </summary>
    /// <returns>The parent run and whether this call created it.</returns>
    public async Task<(Run Parent, bool Created)> ClaimAsync(
        string experimentId, string sweepId, Func<CancellationToken, Task<Run>> createCandidate, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(experimentId);
        ArgumentException.ThrowIfNullOrEmpty(sweepId);
        ArgumentNullException.ThrowIfNull(createCandidate);
        var begin = _clock.GetTimestamp();
        // Bounded by time, not rounds: a candidate whose process died mid-claim blocks the race until it expires.
        for (var round = 0; round < MaxRounds || _clock.GetElapsedTime(begin) < _settings.StaleAfter * 1.5; round++)
        {
            var seen = await ClaimsAsync(experimentId, sweepId, cancellationToken).ConfigureAwait(false);
            if (Oldest(seen.Where(IsParent)) is { } existing)
            {
                return (existing, false);
            }

            if (seen.Count == 0)
            {
                var created = _clock.GetTimestamp();
                var candidate = await createCandidate(cancellationToken).ConfigureAwait(false);
                var after = await ClaimsAsync(experimentId, sweepId, cancellationToken).ConfigureAwait(false);
                var rivals = after.Where(r => r.Info.RunId != candidate.Info.RunId).ToList();
                if (rivals.Count == 0 && _clock.GetElapsedTime(created) < _settings.StaleAfter / 2)
                {
                    await _store.SetTagAsync(candidate.Info.RunId, SegmentationTags.RunKind, SegmentationTags.RunKindSweep, cancellationToken).ConfigureAwait(false);
                    return (candidate, true);
                }

                await WithdrawAsync(candidate.Info.RunId).ConfigureAwait(false);
                if (Oldest(rivals.Where(IsParent)) is { } winner)
                {
                    return (winner, false);
                }
            }

            // Someone is deciding (or we lost to a simultaneous candidate): let the rounds drift apart.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 120) * Math.Min(round + 1, 10)), _clock, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException(string.Create(
            CultureInfo.InvariantCulture, $"no parent run for sweep {sweepId} after {_clock.GetElapsedTime(begin).TotalSeconds:0} s of claim rounds: candidates kept appearing"));
    }

    private static bool IsParent(Run run) => run.Data.Tags.GetValueOrDefault(SegmentationTags.RunKind) == SegmentationTags.RunKindSweep;

    private static Run? Oldest(IEnumerable<Run> runs) =>
        runs.OrderBy(r => r.Info.StartTimeMs).ThenBy(r => r.Info.RunId, StringComparer.Ordinal).FirstOrDefault();

    // The parent and every candidate still in the race; withdrawn and expired candidates hold nothing.
    private async Task<List<Run>> ClaimsAsync(string experimentId, string sweepId, CancellationToken cancellationToken)
    {
        var runs = await _store.SearchRunsAsync(
            new RunSearchRequest(
                [experimentId],
                $"tags.`{SegmentationTags.SweepId}` = '{sweepId}' AND tags.`{SegmentationTags.RunKind}` != '{SegmentationTags.RunKindTrial}'"),
            cancellationToken).ConfigureAwait(false);
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        return runs.Where(r => r.Data.Tags.GetValueOrDefault(SegmentationTags.RunKind) switch
        {
            SegmentationTags.RunKindSweep => true,
            SegmentationTags.RunKindSweepCandidate => r.Info.Status == RunStatus.Running && !_settings.IsStale(r.Info.StartTimeMs, now),
            _ => false,
        }).ToList();
    }

    private async Task WithdrawAsync(string runId)
    {
        // Not cancellable: a candidate left in the race would make everyone else lose rounds until it expires.
        await _store.SetTagAsync(runId, SegmentationTags.RunKind, SegmentationTags.RunKindWithdrawn, CancellationToken.None).ConfigureAwait(false);
        await _store.SetTagAsync(runId, SegmentationTags.Claim, SegmentationTags.ClaimLost, CancellationToken.None).ConfigureAwait(false);
        await _store.UpdateRunAsync(runId, RunStatus.Killed, _clock.GetUtcNow().ToUnixTimeMilliseconds(), null, CancellationToken.None).ConfigureAwait(false);
    }
}
