using Microsoft.Extensions.Logging;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Jobs;

/// <content>
/// Funding: a job reserves its cost from its creator's account before any unit is sent, and releases what it did not
/// draw once it has ended.
/// </content>
/// <remarks>
/// Order of durable steps: the job's state (spec, the amount to reserve) and its reminder, then the reservation, then
/// the job's <see cref="RenderJobState.Reserved"/>; at the end, the job's phase, its last ledger batch, the release,
/// then <see cref="RenderJobState.Released"/>. Reserve and release are idempotent at the ledger (keyed by job id), so a
/// crash between any two steps repeats the later ones and funds or releases the job once. The reminder is kept until
/// the release is recorded.
/// </remarks>
public sealed partial class RenderJobGrain
{
    private Task? _funding;
    private Task? _settling;

    /// <summary>Makes the job's reservation, once: the submit and the dispatch loop share one attempt.</summary>
    /// <returns>A task that completes when the job is funded (or has nothing to fund).</returns>
    /// <exception cref="ArgumentException">
    /// The ledger refused the reservation (the account cannot cover it): a job the grid never funded is forgotten, as if
    /// never submitted; the message says what the account has.
    /// </exception>
    private Task FundAsync() => _funding is { IsCompleted: false } ? _funding : (_funding = ReserveAsync());

    private async Task ReserveAsync()
    {
        var s = state.State;
        if (s.Reserved || s.Phase != JobPhase.Running || s.Spec is not { } spec)
        {
            return;
        }

        // A job admitted before jobs were funded has no amount stored: reserve its cost now.
        bool admitted = s.ReservationCredits == 0;
        long amount = admitted ? CreditPricing.Reservation(spec, _options.Verification.Enabled) : s.ReservationCredits;
        JobReservation reservation;
        try
        {
            reservation = await WithLedgerAnswerAsync(ledger => ledger.ReserveAsync(JobId, s.ReservationAccount, amount));
        }
        catch (ArgumentException refused)
        {
            string account = s.ReservationAccount.Length == 0 ? "the operator's account" : $"account {s.ReservationAccount}";
            string why = refused.ParamName is { } name
                ? refused.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
                : refused.Message;
            string message = $"job {JobId} refused before any work: {why}. Grant {account} more credits " +
                "(pictor account grant ACCOUNT AMOUNT) or render less.";
            LogRefused(JobId, message);
            if (admitted)
            {
                await FailAsync(message);
                return;
            }

            await ForgetAsync();
            throw new ArgumentException(message, refused);
        }

        s.ReservationAccount = reservation.Account;
        s.ReservationCredits = reservation.Amount;
        s.Reserved = true;
        await WriteStateAsync();
        LogReserved(JobId, reservation.Amount, reservation.Account);
    }

    /// <summary>Forgets a job that was refused before any work: its state is cleared and its reminder stopped.</summary>
    private async Task ForgetAsync()
    {
        await StopReminderAsync();
        try
        {
            await _lastWrite;
        }
        catch (Exception ex)
        {
            LogEarlierWriteFailed(ex, JobId);
        }

        await state.ClearStateAsync();
        state.State = new RenderJobState();
    }

    /// <summary>Starts releasing the reservation of a job that has ended, once; the reminder retries what fails.</summary>
    private void StartSettle()
    {
        if (SettleDue && !_deactivating && (_run is null || _run.IsCompleted))
        {
            _ = SettleOnceAsync();
        }
    }

    /// <summary>Whether the job has ended with a reservation that is not released yet.</summary>
    private bool SettleDue =>
        state.State is { Reserved: true, Released: false, Phase: JobPhase.Completed or JobPhase.Failed or JobPhase.Cancelled };

    /// <summary>Releases the reservation if that is due, joining a release already under way.</summary>
    private Task SettleOnceAsync()
    {
        if (_settling is null || _settling.IsCompleted)
        {
            _settling = SettleDue ? SettleGuardedAsync() : Task.CompletedTask;
        }

        return _settling;
    }

    private async Task SettleGuardedAsync()
    {
        try
        {
            await SettleAsync();
        }
        catch (Exception ex)
        {
            LogReleaseFailedForNow(ex, JobId);
        }
    }

    /// <summary>
    /// Releases the reservation of an ended job: its last decided ledger entries are sent first, then the ledger rejects
    /// its credits still pending (never verified, never paid) and frees what it did not draw.
    /// </summary>
    private async Task SettleAsync()
    {
        var s = state.State;
        await FlushLedgerAsync();
        string reason = s.Phase switch
        {
            JobPhase.Cancelled => "job cancelled before the render was verified",
            JobPhase.Failed => "job failed before the render was verified",
            _ => "job completed without verifying this render",
        };
        var released = await WithLedgerAnswerAsync(ledger => ledger.ReleaseAsync(JobId, s.ReservationAccount, reason));
        s.Released = true;
        await WriteStateAsync();
        await StopReminderAsync();
        LogReleased(JobId, released.Drawn, released.Amount, released.Account);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: {Message}")]
    private partial void LogRefused(string jobId, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} reserved {Amount} credit(s) from account {Account}")]
    private partial void LogReserved(string jobId, long amount, string account);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Job {JobId} released its reservation: drew {Drawn} of {Amount} credit(s) from account {Account}")]
    private partial void LogReleased(string jobId, long drawn, long amount, string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: releasing its reservation failed for now; its reminder retries")]
    private partial void LogReleaseFailedForNow(Exception ex, string jobId);
}
