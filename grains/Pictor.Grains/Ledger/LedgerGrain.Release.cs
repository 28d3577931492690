using Microsoft.Extensions.Logging;
using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <content>
/// Releasing a job's reservation when it ends: in three durable steps, each repeatable, so a release is applied once
/// however often it is retried or interrupted.
/// </content>
public sealed partial class LedgerGrain
{
    /// <summary>Most pending credits rejected in one step of a release.</summary>
    private const int SweepChunk = 4096;

    async Task<JobReservation> ILedgerGrain.ReleaseAsync(string jobId, string account, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        account = ResolveAccount(account, nameof(account));
        reason = string.IsNullOrWhiteSpace(reason) ? "the job ended before verification" : reason;
        await EnsureReadyAsync();
        var s = state.State;
        var now = clock.GetUtcNow();
        if (!s.Reservations.TryGetValue(jobId, out var r))
        {
            // Not held here: released before, or reserved in the book by a call that stopped before this index recorded
            // it (then nothing could draw from it, so it drew 0).
            var record = await AccountWriter(account).ReleaseAsync(jobId, 0, now);
            return new JobReservation(jobId, account, record?.Amount ?? 0, record?.Drawn ?? 0, true);
        }

        if (!string.Equals(r.Account, account, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Job {jobId} reserved from account {r.Account}, not {account}; nothing was released.", nameof(account));
        }

        if (!r.Releasing)
        {
            // 1. From this write on the job draws nothing more: what it drew is fixed.
            r.FinalDrawn = DrawnSoFar(jobId, r);
            r.Releasing = true;
            await WriteOrResetAsync();
        }

        // 2. Its pending credits were never verified: rejected, never paid (repeating this finds them rejected).
        int rejected = await RejectPendingAsync(jobId, r.FirstEpoch, reason);

        // 3. The book keeps what the job drew and frees the rest, then this index forgets the reservation.
        var released = await AccountWriter(account).ReleaseAsync(jobId, r.FinalDrawn, now);
        s.Reservations.Remove(jobId);
        s.Committed = Math.Max(0, s.Committed - (r.Amount - r.FinalDrawn));
        await WriteOrResetAsync();
        logger.LogInformation(
            "Ledger {Ledger}: job {Job} released; it drew {Drawn} of {Amount} credit(s) from account {Account}; {Rejected} pending " +
            "credit(s) rejected ({Reason})", LedgerKey, jobId, r.FinalDrawn, r.Amount, account, rejected, reason);
        return new JobReservation(jobId, account, r.Amount, released?.Drawn ?? r.FinalDrawn, true);
    }

    async Task<IReadOnlyList<string>> ILedgerGrain.FindPendingAsync(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        await EnsureReadyAsync();
        long first = state.State.Reservations.TryGetValue(jobId, out var r) ? r.FirstEpoch : 1;
        return await FindPendingAsync(jobId, first);
    }

    private async Task<List<string>> FindPendingAsync(string jobId, long firstEpoch)
    {
        var pending = new List<string>();
        for (long epoch = Math.Max(1, firstEpoch); epoch <= state.State.OpenEpoch; epoch++)
        {
            pending.AddRange(await EpochWriter(epoch).FindPendingAsync(jobId));
        }

        return pending;
    }

    /// <summary>Rejects every credit of a job still pending, in the epochs since it reserved.</summary>
    /// <returns>How many this call rejected.</returns>
    private async Task<int> RejectPendingAsync(string jobId, long firstEpoch, string reason)
    {
        var pending = await FindPendingAsync(jobId, firstEpoch);
        int rejected = 0;
        foreach (var chunk in pending.Chunk(SweepChunk))
        {
            rejected += (await ResolveAsync(jobId, chunk, LedgerEntryKind.Rejected, reason)).Applied;
        }

        return rejected;
    }
}
