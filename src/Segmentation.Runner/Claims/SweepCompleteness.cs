using System.Globalization;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Selection;
using Segmentation.Tracking;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Claims;

/// <summary>
/// Whether every trial of a sweep is done, across all shards: FINISHED, or FAILED by its own fit (not closed as an
/// orphan or a lost claim), with no run of it still RUNNING under a live heartbeat.
/// </summary>
/// <param name="Finished">Planned trials with a FINISHED run.</param>
/// <param name="Failed">Planned trials whose fit failed (and none FINISHED).</param>
/// <param name="Running">Planned trials held by a live RUNNING run elsewhere.</param>
/// <param name="MissingShards">For trials never run to an end: the shards (of <see cref="ShardCount"/>) they belong to, <c>i/n</c>.</param>
/// <param name="Missing">Planned trials with no finished or failed run and no live claim.</param>
/// <param name="ShardCount">The shard count the missing trials are described in.</param>
public sealed record SweepCompleteness(int Finished, int Failed, int Running, int Missing, IReadOnlyList<string> MissingShards, int ShardCount)
{
    /// <summary>Every planned trial finished or failed, none still running.</summary>
    public bool IsComplete => Running == 0 && Missing == 0;

    /// <summary>Reads the state of every planned trial in one search of the sweep's dataset.</summary>
    public static async Task<SweepCompleteness> CheckAsync(
        ITrackingStore store, string experimentId, SweepPlan plan, int shardCount, ClaimSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);
        var runs = await store.SearchRunsAsync(
            new RunSearchRequest(
                [experimentId],
                $"tags.`{SegmentationTags.RunKind}` = '{SegmentationTags.RunKindTrial}' AND tags.`{SegmentationTags.DatasetDigest}` = '{plan.DatasetDigest}'"),
            cancellationToken).ConfigureAwait(false);
        var byHash = runs
            .Where(r => r.Data.Tags.ContainsKey(SegmentationTags.TrialHash))
            .ToLookup(r => r.Data.Tags[SegmentationTags.TrialHash], StringComparer.Ordinal);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        int finished = 0, failed = 0, running = 0;
        var missing = new List<Trial>();
        foreach (var trial in plan.Trials)
        {
            var of = byHash[trial.Hash].ToList();
            if (of.Any(r => r.Info.Status == RunStatus.Finished))
            {
                finished++;
            }
            else if (of.Any(r => ClaimRuns.HoldsClaim(r, settings, now)))
            {
                running++;
            }
            else if (of.Any(r => r.Info.Status == RunStatus.Failed && !r.Data.Tags.ContainsKey(SegmentationTags.Claim)))
            {
                failed++;
            }
            else
            {
                missing.Add(trial);
            }
        }

        var count = Math.Max(1, shardCount);
        var shards = missing
            .Select(t => t.Index % count + 1)
            .Distinct()
            .Order()
            .Select(i => new ShardSpec(i, count).ToString())
            .ToList();
        return new SweepCompleteness(finished, failed, running, missing.Count, shards, count);
    }

    /// <summary>Throws, saying what is left and how to finish it, unless the sweep is complete.</summary>
    /// <exception cref="SelectionException">Trials are still running or were never run to an end.</exception>
    public void ThrowIfIncomplete(string configPath)
    {
        if (Running > 0)
        {
            throw new SelectionException(string.Create(
                CultureInfo.InvariantCulture,
                $"sweep {Path.GetFileName(configPath)} is not done: {Running} trial(s) are still RUNNING in other shards; wait for them and run --finish again"));
        }

        if (Missing > 0)
        {
            var where = ShardCount > 1 ? $" (shards {string.Join(", ", MissingShards)})" : string.Empty;
            throw new SelectionException(string.Create(
                CultureInfo.InvariantCulture,
                $"sweep {Path.GetFileName(configPath)} is not done: {Missing} planned trial(s) have no finished run{where}; re-run those shards (finished trials are skipped), then --finish"));
        }
    }
}
