using Microsoft.Extensions.Logging;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Workers;
using Pictor.Grains.Settlement;

namespace Pictor.Grains.Ledger;

/// <content>Epochs: creating the ledger, closing epochs, carrying walletless credits, resuming settlements.</content>
public sealed partial class LedgerGrain
{
    private const string TickReminder = "ledger-tick";

    async Task<EpochStatement> ILedgerGrain.CloseEpochAsync()
    {
        await EnsureReadyAsync();
        return await CloseOpenEpochAsync(clock.GetUtcNow());
    }

    async Task<IReadOnlyList<EpochInfo>> ILedgerGrain.GetEpochsAsync()
    {
        await EnsureReadyAsync();
        var s = state.State;
        var open = await EpochWriter(s.OpenEpoch).OpenAsync(LedgerId, s.OpenEpoch, s.OpenFirstSequence, s.OpenedAt);
        return [.. s.Closed, open];
    }

    /// <summary>Creates the ledger on first use, finishes a close that a crash interrupted, and picks up settlements.</summary>
    private async Task EnsureReadyAsync()
    {
        if (_ready)
        {
            return;
        }

        var s = state.State;
        if (s.Uid.Length == 0)
        {
            s.Uid = Guid.NewGuid().ToString("N");
            s.OpenEpoch = 1;
            s.OpenedAt = clock.GetUtcNow();
            s.OpenFirstSequence = 1;
            await WriteOrResetAsync();
        }

        while (true)
        {
            var info = await EpochWriter(s.OpenEpoch).OpenAsync(LedgerId, s.OpenEpoch, s.OpenFirstSequence, s.OpenedAt);
            if (info.IsOpen)
            {
                _openCount = info.Entries;
                LoadOpenJobs(await EpochWriter(s.OpenEpoch).GetTotalsAsync());
                break;
            }

            // The epoch closed but this ledger stopped before recording it: finish that close now.
            await CompleteCloseAsync(await EpochReader(s.OpenEpoch).GetStatementAsync());
        }

        _ready = true;
        if (s.Journal.Count > 0)
        {
            await MigrateLegacyJournalAsync();
        }

        if (options.Value.EpochLength is not null || chain.IsConfigured)
        {
            await this.RegisterOrUpdateReminder(TickReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }

        await ResumeSettlementsAsync();
        WakeReservedJobs();
    }

    /// <summary>
    /// Wakes the jobs that hold a reservation, without waiting for them: an activated job resumes, or, if it has ended,
    /// releases its reservation. Jobs keep a reminder until they are released, but an embedded grid's reminders live in
    /// memory, so after a restart this is what lets an ended job's release finish.
    /// </summary>
    private void WakeReservedJobs()
    {
        if (LedgerKey != ILedgerGrain.DefaultKey)
        {
            // Jobs draw only on the grid's ledger.
            return;
        }

        foreach (string job in state.State.Reservations.Keys)
        {
            GrainFactory.GetGrain<IRenderJobGrain>(job).GetStatusAsync().Ignore();
        }
    }

    private async Task CloseIfDueAsync(DateTimeOffset now)
    {
        if (_openCount > 0 && options.Value.EpochLength is { } length && now - state.State.OpenedAt >= length)
        {
            await CloseOpenEpochAsync(now);
        }
    }

    private async Task CloseIfFullAsync(DateTimeOffset now)
    {
        int max = options.Value.EpochMaxEntries;
        if (max > 0 && _openCount >= max)
        {
            await CloseOpenEpochAsync(now);
        }
    }

    private async Task<EpochStatement> CloseOpenEpochAsync(DateTimeOffset now)
    {
        var s = state.State;
        var carries = await CarriesAsync();
        var statement = await EpochWriter(s.OpenEpoch).CloseAsync(now, carries);

        // Until the close is recorded here, the next call must not append to the closed epoch: if anything below
        // fails, that call finishes the close first (EnsureReadyAsync).
        _ready = false;
        await faults.InjectAsync(LedgerFaultPoint.AfterEpochClose, LedgerKey, CancellationToken.None);
        await CompleteCloseAsync(statement);
        var next = await EpochWriter(s.OpenEpoch).OpenAsync(LedgerId, s.OpenEpoch, s.OpenFirstSequence, s.OpenedAt);
        _openCount = next.Entries;
        LoadOpenJobs(await EpochWriter(s.OpenEpoch).GetTotalsAsync());
        _ready = true;
        logger.LogInformation(
            "Ledger {Ledger}: epoch {Epoch} closed with {Receipts} receipt(s), {Credits} credit(s), root {Root}",
            LedgerKey, statement.Epoch, statement.ReceiptCount, statement.PayableCredits, statement.ReceiptsRoot);
        await ResumeSettlementsAsync();
        return statement;
    }

    /// <summary>Records a closed epoch in the index and opens the next; repeatable, because the epoch's close is.</summary>
    private async Task CompleteCloseAsync(EpochStatement statement)
    {
        var s = state.State;

        // Plan before recording the close: both are idempotent, so a crash between them only repeats the plan,
        // and every epoch this index lists as closed has its mint planned.
        await Planner(statement.Epoch).PlanAsync(
            new SettlementPlan(statement.Epoch, statement.SettlementId, statement.ReceiptsRoot, statement.Payouts));
        var totals = await EpochWriter(statement.Epoch).GetTotalsAsync();
        foreach (var worker in totals.Workers)
        {
            Totals(s.Workers, worker.Account).Add(worker);
        }

        foreach (var wallet in totals.Wallets)
        {
            Totals(s.Wallets, wallet.Account).Add(wallet);
        }

        s.ClosedEntries = Saturating.Add(s.ClosedEntries, totals.Entries);
        s.ClosedPayable = Saturating.Add(s.ClosedPayable, totals.Payable);
        s.ClosedPending = Saturating.Add(s.ClosedPending, totals.Pending);
        s.ClosedRejected = Saturating.Add(s.ClosedRejected, totals.Rejected);
        s.ClosedDrawn = Saturating.Add(s.ClosedDrawn, totals.Drawn);
        AddClosedJobs(totals);
        foreach (var line in statement.Workers.Where(w => w.CarriedCredits > 0))
        {
            long left = s.Unassigned.GetValueOrDefault(line.WorkerId) - line.CarriedCredits;
            if (left > 0)
            {
                s.Unassigned[line.WorkerId] = left;
            }
            else
            {
                s.Unassigned.Remove(line.WorkerId);
            }
        }

        foreach (var line in statement.Unassigned)
        {
            s.Unassigned[line.WorkerId] = Saturating.Add(s.Unassigned.GetValueOrDefault(line.WorkerId), line.Credits);
        }

        s.Closed.Add(
            new EpochInfo(
                statement.Epoch, false, statement.OpenedAt, statement.ClosedAt, statement.FirstSequence, statement.Entries,
                statement.PayableCredits, statement.ReceiptsRoot, statement.SettlementId));
        s.OpenEpoch = statement.Epoch + 1;
        s.OpenedAt = statement.ClosedAt ?? clock.GetUtcNow();
        s.OpenFirstSequence = statement.FirstSequence + statement.Entries;
        await WriteOrResetAsync();
    }

    /// <summary>Walletless workers' credits from earlier epochs, for those that have registered a wallet since.</summary>
    private async Task<List<CarryLine>> CarriesAsync()
    {
        var carries = new List<CarryLine>();
        foreach (var (worker, credits) in state.State.Unassigned.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var info = await GrainFactory.GetGrain<IWorkerGrain>(worker).GetInfoAsync();
            string payee = EpochReceipts.Payee(info.Registration.Wallet);
            if (payee.Length > 0)
            {
                carries.Add(new CarryLine(worker, payee, credits));
            }
        }

        return carries;
    }

    /// <summary>Wakes the settlements of closed epochs that are not final yet; they run on their own.</summary>
    private async Task ResumeSettlementsAsync()
    {
        if (!chain.IsConfigured)
        {
            return;
        }

        var s = state.State;
        long settled = s.SettledThrough;
        for (long epoch = s.SettledThrough + 1; epoch < s.OpenEpoch; epoch++)
        {
            var info = await Planner(epoch).ResumeAsync();
            if (info.IsFinal && epoch == settled + 1)
            {
                settled = epoch;
            }
        }

        if (settled != s.SettledThrough)
        {
            s.SettledThrough = settled;
            await WriteOrResetAsync();
        }
    }

    /// <summary>Moves a journal stored whole (before epochs) into the open epoch, through the normal credit path.</summary>
    private async Task MigrateLegacyJournalAsync()
    {
        var legacy = state.State.Journal;
        foreach (var chunk in legacy.Chunk(1000))
        {
            // Recorded before jobs were funded: drawn from nobody, as they were.
            await RecordCreditsAsync(chunk.Select(e => e.Credit).ToList(), chunk[0].RecordedAt, funded: false);
        }

        logger.LogInformation(
            "Ledger {Ledger}: moved {Count} credit(s) from the old single journal into epoch {Epoch}", LedgerKey, legacy.Count,
            state.State.OpenEpoch);
        state.State.Journal = [];
        await WriteOrResetAsync();
    }

    /// <summary>Writes the index; if that fails, drops this activation so the next call starts again from what is stored.</summary>
    private async Task WriteOrResetAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            _ready = false;
            DeactivateOnIdle();
            throw;
        }
    }

    private static AccountTotals Totals(Dictionary<string, AccountTotals> totals, string account)
    {
        if (!totals.TryGetValue(account, out var t))
        {
            t = new AccountTotals();
            totals[account] = t;
        }

        return t;
    }
}
