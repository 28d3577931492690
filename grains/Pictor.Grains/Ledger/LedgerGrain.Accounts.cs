using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <content>
/// Creator accounts: the operator grants balances, a job reserves its cost before any unit is sent. Each account's book
/// (<see cref="LedgerAccountGrain"/>) is the truth of its grants and reservations; this grain indexes the accounts and
/// holds the open reservations its credits draw from.
/// </content>
public sealed partial class LedgerGrain
{
    async Task<GrantOutcome> ILedgerGrain.GrantAsync(CreditGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (string.IsNullOrWhiteSpace(grant.GrantId) || grant.GrantId.Length > 128)
        {
            throw new ArgumentException("A grant needs a grant id of 1 to 128 characters; nothing was granted.", nameof(grant));
        }

        string account = ResolveAccount(grant.Account, nameof(grant));
        if (!LedgerAmounts.IsValid(grant.Amount))
        {
            throw new ArgumentException(
                $"A grant is 1 to {LedgerAmounts.Format(LedgerAmounts.Max)} credits, not {LedgerAmounts.Format(grant.Amount)}; nothing " +
                "was granted.", nameof(grant));
        }

        if (IsUnlimited(account))
        {
            throw new ArgumentException(
                $"Account {account} is the operator's, with an unlimited grant (Ledger:OperatorAccount); nothing was granted.",
                nameof(grant));
        }

        await EnsureReadyAsync();
        await IndexAccountAsync(account);
        var (applied, book) = await AccountWriter(account).GrantAsync(grant.GrantId, grant.Amount);
        return new GrantOutcome(applied, Info(book));
    }

    async Task<JobReservation> ILedgerGrain.ReserveAsync(string jobId, string account, long amount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        account = ResolveAccount(account, nameof(account));
        if (!LedgerAmounts.IsValid(amount))
        {
            throw new ArgumentException(
                $"A reservation is 1 to {LedgerAmounts.Format(LedgerAmounts.Max)} credits, not {LedgerAmounts.Format(amount)}; " +
                "nothing was reserved.", nameof(amount));
        }

        await EnsureReadyAsync();
        var s = state.State;
        if (s.Reservations.TryGetValue(jobId, out var held))
        {
            return held.Account == account && held.Amount == amount && !held.Releasing
                ? new JobReservation(jobId, account, amount, DrawnSoFar(jobId, held), false)
                : throw new ArgumentException(
                    $"Job {jobId} already reserved {LedgerAmounts.Format(held.Amount)} credits from account {held.Account}" +
                    $"{(held.Releasing ? " and is being released" : string.Empty)}; nothing was reserved.", nameof(jobId));
        }

        if (!LedgerAmounts.TryAdd(s.Committed, amount, out long committed))
        {
            throw new ArgumentException(
                $"Reserving {LedgerAmounts.Format(amount)} credits would take the ledger's committed total (open reservations and " +
                $"what ended jobs drew: {LedgerAmounts.Format(s.Committed)}) past the largest amount " +
                $"({LedgerAmounts.Format(LedgerAmounts.Max)}); nothing was reserved.", nameof(amount));
        }

        await IndexAccountAsync(account);
        var now = clock.GetUtcNow();

        // The book first: it refuses what the account cannot cover, and a repeat after a crash finds the job there.
        var job = await AccountWriter(account).ReserveAsync(jobId, amount, IsUnlimited(account), now);
        s.Reservations[jobId] = new OpenReservation
        {
            Account = account,
            Amount = job.Amount,
            FirstEpoch = s.OpenEpoch,
            ReservedAt = job.ReservedAt,
        };
        s.Committed = committed;
        await WriteOrResetAsync();
        return new JobReservation(jobId, account, job.Amount, 0, false);
    }

    async Task<AccountInfo> ILedgerGrain.GetAccountAsync(string account)
    {
        account = ResolveAccount(account, nameof(account));
        await EnsureReadyAsync();
        return Info(await AccountWriter(account).GetAsync());
    }

    async Task<IReadOnlyList<AccountInfo>> ILedgerGrain.GetAccountsAsync()
    {
        await EnsureReadyAsync();
        var books = await Task.WhenAll(state.State.AccountIds.Select(a => AccountWriter(a).GetAsync()));
        return [.. books.Select(Info)];
    }

    /// <summary>The account a call names: the operator's for an empty one; a malformed id is refused.</summary>
    private string ResolveAccount(string? account, string parameter)
    {
        if (string.IsNullOrEmpty(account))
        {
            account = options.Value.OperatorAccount;
            if (string.IsNullOrEmpty(account))
            {
                throw new ArgumentException(
                    "No account was named and this grid has no operator account (Ledger:OperatorAccount is empty); name the account " +
                    "the job charges.", parameter);
            }
        }

        return AccountIds.Problem(account) is { } problem ? throw new ArgumentException($"The {problem}.", parameter) : account;
    }

    private bool IsUnlimited(string account) =>
        options.Value.OperatorAccount is { Length: > 0 } op && string.Equals(op, account, StringComparison.Ordinal);

    /// <summary>Adds an account to the index before its book is first written, so every book is listed.</summary>
    private async Task IndexAccountAsync(string account)
    {
        if (state.State.AccountIds.Add(account))
        {
            await WriteOrResetAsync();
        }
    }

    /// <summary>An account as clients see it: its book, with what its running jobs drew so far.</summary>
    private AccountInfo Info(AccountBook book)
    {
        long drawnOpen = 0;
        foreach (string job in book.OpenJobs)
        {
            if (state.State.Reservations.TryGetValue(job, out var r))
            {
                drawnOpen = Saturating.Add(drawnOpen, DrawnSoFar(job, r));
            }
        }

        bool unlimited = IsUnlimited(book.Account);
        return new AccountInfo(
            book.Account,
            unlimited,
            book.Granted,
            Math.Max(0, book.OpenReserved - drawnOpen),
            Saturating.Add(book.ReleasedDrawn, drawnOpen),
            unlimited ? null : book.Available,
            book.OpenJobs.Count,
            book.Grants);
    }

    private ILedgerAccountWriter AccountWriter(string account) =>
        GrainFactory.GetGrain<ILedgerAccountWriter>(LedgerKeys.Account(LedgerKey, account));
}
