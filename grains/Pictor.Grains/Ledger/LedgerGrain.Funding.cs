using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <content>
/// Funding: every credit a job records draws from its reservation. A pending credit holds its amount there until it is
/// confirmed (drawn) or rejected (freed); a credit the reservation cannot cover is not recorded.
/// </content>
public sealed partial class LedgerGrain
{
    /// <summary>What each job's entries in the open epoch drew and hold pending (entries that carry an account).</summary>
    private readonly Dictionary<string, JobSums> _openJobs = new(StringComparer.Ordinal);

    /// <summary>Refuses a batch for a job that holds no open reservation: nothing is recorded for any of it.</summary>
    private void ThrowUnlessFunding(IEnumerable<string> jobIds)
    {
        foreach (string job in jobIds.Distinct(StringComparer.Ordinal))
        {
            if (!state.State.Reservations.TryGetValue(job, out var r) || r.Releasing)
            {
                string why = r is null ? "it never reserved its cost" : "it has ended and its reservation is released";
                throw new ArgumentException(
                    $"Job {job} holds no open reservation ({why}); a credit or confirmation must draw from one; nothing was recorded.",
                    nameof(jobIds));
            }
        }
    }

    /// <summary>
    /// Stamps each credit with its job's account and keeps those its reservation covers, in order; a credit the open
    /// epoch already holds is kept (the epoch skips it as a duplicate) and costs nothing.
    /// </summary>
    private async Task<(List<CreditRequest> Funded, int Unfunded)> FundAsync(List<CreditRequest> batch, long open)
    {
        var need = batch.GroupBy(c => c.JobId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Saturating.Sum(g.Select(c => c.Amount)), StringComparer.Ordinal);
        var budget = need.Keys.ToDictionary(j => j, Budget, StringComparer.Ordinal);
        HashSet<string>? held = null;
        if (need.Any(kv => kv.Value > budget[kv.Key]))
        {
            // Over budget as sent: the ones the epoch already holds (a retried batch) do not count, so ask it.
            var found = await EpochWriter(open).FindAsync(batch.Select(c => c.TileId).ToList(), resolutions: false);
            held = new HashSet<string>(batch.Where((_, i) => found[i] is not null).Select(c => c.TileId), StringComparer.Ordinal);
        }

        var funded = new List<CreditRequest>(batch.Count);
        int unfunded = 0;
        foreach (var credit in batch)
        {
            var stamped = credit with { Account = state.State.Reservations[credit.JobId].Account };
            if (held is not null && !held.Contains(credit.TileId))
            {
                if (credit.Amount > budget[credit.JobId])
                {
                    unfunded++;
                    continue;
                }

                budget[credit.JobId] -= credit.Amount;
            }

            funded.Add(stamped);
        }

        return (funded, unfunded);
    }

    /// <summary>Appends to the open epoch and counts what it appended into the open epoch's sums.</summary>
    /// <remarks>
    /// When the append fails its outcome is unknown (it may have landed): the next call reads the open epoch again
    /// instead of trusting this activation's counts.
    /// </remarks>
    private async Task<IReadOnlyList<bool>> AppendAsync(long open, List<EpochAppend> items)
    {
        IReadOnlyList<bool> appended;
        try
        {
            appended = await EpochWriter(open).AppendAsync(items);
        }
        catch (Exception ex) when (ex is not ArgumentException)
        {
            _ready = false;
            throw;
        }

        for (int i = 0; i < items.Count; i++)
        {
            if (appended[i])
            {
                _openCount++;
                Track(items[i]);
            }
        }

        return appended;
    }

    /// <summary>What a job's reservation can still cover: its amount less what it drew and holds pending.</summary>
    private long Budget(string jobId)
    {
        var r = state.State.Reservations[jobId];
        var open = _openJobs.GetValueOrDefault(jobId);
        long used = Saturating.Sum([r.DrawnClosed, r.PendingClosed, open?.Drawn ?? 0, open?.Pending ?? 0]);
        return Math.Max(0, r.Amount - used);
    }

    /// <summary>What a job drew so far: in closed epochs and in the open one.</summary>
    private long DrawnSoFar(string jobId, OpenReservation r) =>
        r.Releasing ? r.FinalDrawn : Saturating.Add(r.DrawnClosed, _openJobs.GetValueOrDefault(jobId)?.Drawn ?? 0);

    /// <summary>Counts an entry the open epoch appended into its job's sums, as the epoch's own totals will.</summary>
    private void Track(EpochAppend entry)
    {
        var credit = entry.Credit;
        if (string.IsNullOrEmpty(credit.Account))
        {
            return;
        }

        if (!_openJobs.TryGetValue(credit.JobId, out var sums))
        {
            sums = new JobSums();
            _openJobs[credit.JobId] = sums;
        }

        switch (entry.Kind)
        {
            case LedgerEntryKind.Credit:
                sums.Drawn = Saturating.Add(sums.Drawn, credit.Amount);
                break;
            case LedgerEntryKind.Pending:
                sums.Pending = Saturating.Add(sums.Pending, credit.Amount);
                break;
            case LedgerEntryKind.Confirmed:
                sums.Pending = Saturating.Add(sums.Pending, -credit.Amount);
                sums.Drawn = Saturating.Add(sums.Drawn, credit.Amount);
                break;
            default:
                sums.Pending = Saturating.Add(sums.Pending, -credit.Amount);
                break;
        }
    }

    /// <summary>Reads the open epoch's per-job sums again (on activation, and after an append whose outcome is unknown).</summary>
    private void LoadOpenJobs(EpochTotals totals)
    {
        _openJobs.Clear();
        foreach (var job in totals.Jobs ?? [])
        {
            _openJobs[job.JobId] = new JobSums { Drawn = job.Drawn, Pending = job.Pending };
        }
    }

    /// <summary>Adds a closed epoch's per-job sums into the open reservations (in the write that records the close).</summary>
    private void AddClosedJobs(EpochTotals totals)
    {
        foreach (var job in totals.Jobs ?? [])
        {
            if (state.State.Reservations.TryGetValue(job.JobId, out var r))
            {
                r.DrawnClosed = Saturating.Add(r.DrawnClosed, job.Drawn);
                r.PendingClosed = Saturating.Add(r.PendingClosed, job.Pending);
            }
        }
    }

    /// <summary>One job's sums in the open epoch.</summary>
    private sealed class JobSums
    {
        public long Drawn { get; set; }

        public long Pending { get; set; }
    }
}
