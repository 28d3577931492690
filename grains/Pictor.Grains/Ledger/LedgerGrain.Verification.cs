using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <content>Verification outcomes: pending credits become payable or are dropped, each at most once.</content>
public sealed partial class LedgerGrain
{
    Task<ResolutionOutcome> ILedgerGrain.ConfirmAsync(string jobId, IReadOnlyList<string> tileIds) =>
        ResolveAsync(jobId, tileIds, LedgerEntryKind.Confirmed, string.Empty);

    Task<ResolutionOutcome> ILedgerGrain.RejectAsync(string jobId, IReadOnlyList<string> tileIds, string reason) =>
        ResolveAsync(jobId, tileIds, LedgerEntryKind.Rejected, reason ?? string.Empty);

    /// <summary>
    /// Resolves pending credits the same way credits are recorded: claim in the tile index, then append to the open
    /// epoch.
    /// </summary>
    private async Task<ResolutionOutcome> ResolveAsync(
        string jobId, IReadOnlyList<string> tileIds, LedgerEntryKind resolution, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentNullException.ThrowIfNull(tileIds);
        foreach (string tile in tileIds)
        {
            if (tile is null || !tile.StartsWith(jobId + "/", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Tile id {tile} does not belong to job {jobId}; nothing was resolved.", nameof(tileIds));
            }
        }

        await EnsureReadyAsync();
        if (resolution == LedgerEntryKind.Confirmed)
        {
            // A confirmation draws the credit from the job's reservation; a rejection moves no money and is always taken.
            ThrowUnlessFunding([jobId]);
        }

        var now = clock.GetUtcNow();
        await CloseIfDueAsync(now);
        long open = state.State.OpenEpoch;
        var counts = new ResolutionCounts();
        var toAppend = new List<EpochAppend>();
        foreach (var shard in tileIds.Distinct(StringComparer.Ordinal)
            .GroupBy(t => LedgerTileIndex.Key(LedgerKey, t), StringComparer.Ordinal))
        {
            toAppend.AddRange(await ClaimResolutionsAsync(shard.Key, [.. shard], open, resolution, reason, now, counts));
        }

        await faults.InjectAsync(LedgerFaultPoint.AfterClaim, LedgerKey, CancellationToken.None);
        int applied = 0;
        if (toAppend.Count > 0)
        {
            var appended = await AppendAsync(open, toAppend);
            applied = appended.Count(a => a);
            counts.Repeated += appended.Count - applied;
        }

        await faults.InjectAsync(LedgerFaultPoint.AfterCommit, LedgerKey, CancellationToken.None);
        await CloseIfFullAsync(now);
        return new ResolutionOutcome(applied, counts.Repeated, counts.Conflicting, counts.Unknown);
    }

    /// <summary>Claims the resolutions of one tile-index shard's pending credits; counts the tiles it cannot resolve.</summary>
    private async Task<IEnumerable<EpochAppend>> ClaimResolutionsAsync(
        string shard, List<string> tiles, long open, LedgerEntryKind resolution, string reason, DateTimeOffset now, ResolutionCounts counts)
    {
        var index = GrainFactory.GetGrain<ILedgerTileIndexGrain>(shard);
        var records = await index.GetAsync(tiles);

        // The epochs are the truth; the index only says where to look.
        var credits = await FindAsync(tiles, i => records[i]?.CreditEpoch ?? 0, resolutions: false);
        var resolved = await FindAsync(tiles, i => records[i]?.ResolutionEpoch ?? 0, resolutions: true);
        var claim = new List<int>();
        for (int i = 0; i < tiles.Count; i++)
        {
            if (credits[i] is not { } credit)
            {
                counts.Unknown++;
            }
            else if (resolved[i] is { } done && done.Kind == resolution)
            {
                counts.Repeated++;
            }
            else if (resolved[i] is not null)
            {
                counts.Conflicting++;
            }
            else if (credit.Kind != LedgerEntryKind.Pending)
            {
                // Paid without verification: there is nothing to confirm, and a paid credit cannot be taken back.
                counts.Conflicting++;
            }
            else
            {
                claim.Add(i);
            }
        }

        if (claim.Count == 0)
        {
            return [];
        }

        await index.ClaimResolutionsAsync(claim.Select(i => tiles[i]).ToList(), open, resolution);
        return claim.Select(i => new EpochAppend(credits[i]!.Credit, resolution, reason, now));
    }

    /// <summary>Looks tiles up in the epochs <paramref name="epochOf"/> names (0: none), one call per epoch.</summary>
    private async Task<LedgerEntry?[]> FindAsync(List<string> tiles, Func<int, long> epochOf, bool resolutions)
    {
        var found = new LedgerEntry?[tiles.Count];
        foreach (var group in Enumerable.Range(0, tiles.Count).Where(i => epochOf(i) > 0).GroupBy(epochOf))
        {
            var positions = group.ToList();
            var entries = await EpochWriter(group.Key).FindAsync(positions.Select(i => tiles[i]).ToList(), resolutions);
            for (int k = 0; k < positions.Count; k++)
            {
                found[positions[k]] = entries[k];
            }
        }

        return found;
    }

    /// <summary>Tiles of a resolution call that were not resolved, by why.</summary>
    private sealed class ResolutionCounts
    {
        public int Repeated { get; set; }

        public int Conflicting { get; set; }

        public int Unknown { get; set; }
    }
}
