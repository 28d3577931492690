using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>One creator account's book; see <see cref="ILedgerAccountWriter"/>.</summary>
/// <remarks>
/// Every change is one write of the book, and a failed write undoes it in memory, so memory never runs ahead of storage.
/// Grants are keyed by grant id and reservations by job id: the ledger may repeat any call after a crash and it changes
/// the book once.
/// </remarks>
public sealed class LedgerAccountGrain(
    [PersistentState("account", StorageNames.Grid)] IPersistentState<LedgerAccountState> state) : Grain, ILedgerAccountWriter
{
    private const string Marker = "/accounts/";

    private string Account
    {
        get
        {
            string key = this.GetPrimaryKeyString();
            int at = key.IndexOf(Marker, StringComparison.Ordinal);
            return at < 0 ? key : key[(at + Marker.Length)..];
        }
    }

    async Task<(bool Applied, AccountBook Book)> ILedgerAccountWriter.GrantAsync(string grantId, long amount)
    {
        var s = state.State;
        if (s.Grants.TryGetValue(grantId, out long applied))
        {
            return applied == amount
                ? (false, Book())
                : throw new ArgumentException(
                    $"Grant {grantId} was already applied to account {Account} with {LedgerAmounts.Format(applied)} credits, not " +
                    $"{LedgerAmounts.Format(amount)}; nothing was granted.", nameof(amount));
        }

        if (!LedgerAmounts.TryAdd(s.Granted, amount, out long granted))
        {
            throw new ArgumentException(
                $"Granting {LedgerAmounts.Format(amount)} credits to account {Account} would take its balance past the largest amount " +
                $"({LedgerAmounts.Format(LedgerAmounts.Max)}; it holds {LedgerAmounts.Format(s.Granted)}); nothing was granted.",
                nameof(amount));
        }

        s.Grants[grantId] = amount;
        s.Granted = granted;
        await WriteOrUndoAsync(() =>
        {
            s.Grants.Remove(grantId);
            s.Granted -= amount;
        });
        return (true, Book());
    }

    async Task<AccountJob> ILedgerAccountWriter.ReserveAsync(string jobId, long amount, bool unlimited, DateTimeOffset at)
    {
        var s = state.State;
        if (s.Jobs.TryGetValue(jobId, out var job))
        {
            if (job.Released)
            {
                throw new ArgumentException(
                    $"Job {jobId} already reserved from account {Account} and was released; a job is funded once.", nameof(jobId));
            }

            return job.Amount == amount
                ? job
                : throw new ArgumentException(
                    $"Job {jobId} already reserved {LedgerAmounts.Format(job.Amount)} credits from account {Account}, not " +
                    $"{LedgerAmounts.Format(amount)}; nothing was reserved.", nameof(amount));
        }

        var book = Book();
        if (!unlimited && book.Available < amount)
        {
            throw new ArgumentException(
                $"account {Account} has {LedgerAmounts.Format(Math.Max(0, book.Available))} credits available (granted " +
                $"{LedgerAmounts.Format(s.Granted)}, drawn {LedgerAmounts.Format(s.ReleasedDrawn)}, held by running jobs " +
                $"{LedgerAmounts.Format(s.OpenReserved)}) and job {jobId} needs {LedgerAmounts.Format(amount)} reserved; nothing was " +
                "reserved", nameof(amount));
        }

        if (!LedgerAmounts.TryAdd(s.OpenReserved, amount, out long reserved))
        {
            throw new ArgumentException(
                $"Reserving {LedgerAmounts.Format(amount)} credits would take account {Account}'s reservations past the largest amount; " +
                "nothing was reserved.", nameof(amount));
        }

        job = new AccountJob(amount, 0, false, at, null);
        s.Jobs[jobId] = job;
        s.OpenReserved = reserved;
        await WriteOrUndoAsync(() =>
        {
            s.Jobs.Remove(jobId);
            s.OpenReserved -= amount;
        });
        return job;
    }

    async Task<AccountJob?> ILedgerAccountWriter.ReleaseAsync(string jobId, long drawn, DateTimeOffset at)
    {
        var s = state.State;
        if (!s.Jobs.TryGetValue(jobId, out var job) || job.Released)
        {
            return job;
        }

        var released = job with { Drawn = drawn, Released = true, ReleasedAt = at };
        long before = s.ReleasedDrawn;
        s.Jobs[jobId] = released;
        s.OpenReserved -= job.Amount;
        s.ReleasedDrawn = Saturating.Add(before, drawn);
        await WriteOrUndoAsync(() =>
        {
            s.Jobs[jobId] = job;
            s.OpenReserved += job.Amount;
            s.ReleasedDrawn = before;
        });
        return released;
    }

    Task<AccountBook> ILedgerAccountWriter.GetAsync() => Task.FromResult(Book());

    private AccountBook Book()
    {
        var s = state.State;
        var open = s.Jobs.Where(j => !j.Value.Released).Select(j => j.Key).Order(StringComparer.Ordinal).ToList();
        return new AccountBook(Account, s.Granted, s.OpenReserved, s.ReleasedDrawn, open, s.Grants.Count);
    }

    private async Task WriteOrUndoAsync(Action undo)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The write may have landed all the same (a timeout): reload from storage before the next call.
            undo();
            DeactivateOnIdle();
            throw;
        }
    }
}
