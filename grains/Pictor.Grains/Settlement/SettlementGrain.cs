using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Pictor.Chain;
using Pictor.Contracts.Ledger;
using Pictor.Grains.Ledger;

namespace Pictor.Grains.Settlement;

/// <summary>
/// The outbox of one epoch's mint: planned → sent(tx, nonce) → confirmed(block), always reconciled against the chain
/// first.
/// </summary>
/// <remarks>
/// <para>
/// Every step begins by asking the contract whether the epoch's settlement id is minted. Only when it is not does
/// the grain wait on the transaction it last sent, and only when that comes to nothing does it send again, with
/// the same id. The contract refuses an id it has minted, so however often the grain crashes, moves, retries or
/// runs twice, an epoch is minted at most once; reconciling after every failure makes it at least once.
/// </para>
/// <para>
/// The hash and nonce are persisted right after the broadcast. A crash before that write loses only the hash:
/// the next step finds the mint by settlement id, or sends again and one of the two transactions is refused.
/// </para>
/// </remarks>
public sealed partial class SettlementGrain(
    [PersistentState("settlement", StorageNames.Grid)] IPersistentState<SettlementState> state,
    SettlementChain chain,
    ILedgerFaults faults,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<SettlementGrain> logger) : Grain, ISettlementGrain, ISettlementPlanner, IDisposable
{
    /// <summary>Failures in a row after which the loop stops until the ledger's next tick or a caller resumes it.</summary>
    private const int MaxFailuresPerRun = 8;

    // Also cancelled when the silo stops, graceful or not: a loop must not outlive its silo and race the next activation.
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
    private Task? _loop;
    private PictorTokenService? _service;

    /// <inheritdoc/>
    public void Dispose() => _stop.Dispose();

    /// <inheritdoc/>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _stop.Cancel();
        return Task.CompletedTask;
    }

    async Task<SettlementInfo> ISettlementPlanner.PlanAsync(SettlementPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var s = state.State;
        if (s.Status != SettlementStatus.None)
        {
            if (!string.Equals(s.SettlementId, plan.SettlementId, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(s.ReceiptsRoot, plan.ReceiptsRoot, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"Settlement {this.GetPrimaryKeyString()} is planned for root {s.ReceiptsRoot}, not {plan.ReceiptsRoot}.");
            }

            return Info();
        }

        long rate = chain.Options.BaseUnitsPerCredit;
        if (rate < 1)
        {
            throw new InvalidOperationException($"Chain:BaseUnitsPerCredit is {rate}; it must be at least 1.");
        }

        var lines = plan.Payouts.Where(p => p.Credits > 0).ToList();
        s.Epoch = plan.Epoch;
        s.SettlementId = plan.SettlementId;
        s.ReceiptsRoot = plan.ReceiptsRoot;
        s.Recipients = lines.Select(p => p.Wallet).ToList();
        s.Amounts = lines.Select(p => (new BigInteger(p.Credits) * rate).ToString(CultureInfo.InvariantCulture)).ToList();
        s.BaseUnitsPerCredit = rate;
        s.Status = lines.Count == 0 ? SettlementStatus.NothingToMint : SettlementStatus.Planned;
        s.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        logger.LogInformation(
            "Settlement {Key} planned: {Lines} line(s), {Total} base units, id {SettlementId}", this.GetPrimaryKeyString(), lines.Count,
            Total(), s.SettlementId);
        return Info();
    }

    Task<SettlementInfo> ISettlementPlanner.ResumeAsync()
    {
        if (CanRun())
        {
            StartLoop();
        }

        return Task.FromResult(Info());
    }

    Task<SettlementInfo> ISettlementGrain.GetInfoAsync() => Task.FromResult(Info());

    async Task<SettlementInfo> ISettlementGrain.SettleAsync(TimeSpan maxWait)
    {
        if (!CanRun())
        {
            return Info();
        }

        StartLoop();
        await Task.WhenAny(_loop!, Task.Delay(maxWait));
        return Info();
    }

    private static bool IsFinal(SettlementStatus status) =>
        status is SettlementStatus.Confirmed or SettlementStatus.NothingToMint or SettlementStatus.Conflict;

    private bool CanRun()
    {
        var status = state.State.Status;
        if (status == SettlementStatus.None || IsFinal(status))
        {
            return false;
        }

        if (!chain.IsConfigured)
        {
            state.State.LastError = "no chain is configured (Chain:RpcUrl, Chain:TokenAddress, Chain:PrivateKey); the mint waits for one";
            return false;
        }

        return true;
    }

    private void StartLoop()
    {
        if (_loop is null || _loop.IsCompleted)
        {
            _loop = RunAsync(_stop.Token);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        int failures = 0;
        while (!IsFinal(state.State.Status) && !cancellationToken.IsCancellationRequested)
        {
            // The loop is not a grain call: keep the activation (and the wait on the chain) alive.
            DelayDeactivation(chain.Options.ConfirmationTimeout + TimeSpan.FromMinutes(1));
            try
            {
                await StepAsync(cancellationToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (InconsistentStateException ex)
            {
                // Another activation (or a loop of a silo that died) wrote first: take its view and reconcile from there.
                logger.LogWarning(ex, "Settlement {Key}: state changed underneath this activation; reloading", this.GetPrimaryKeyString());
                await state.ReadStateAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                failures++;
                await RecordFailureAsync(ex);
                if (failures >= MaxFailuresPerRun)
                {
                    return;
                }

                try
                {
                    await Task.Delay(Backoff(failures), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        double seconds = Math.Min(Math.Pow(2, failures - 1), chain.Options.MaxRetryDelay.TotalSeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    private BigInteger Total() =>
        state.State.Amounts.Aggregate(BigInteger.Zero, (sum, a) => sum + BigInteger.Parse(a, CultureInfo.InvariantCulture));

    private SettlementInfo Info()
    {
        var s = state.State;
        return new SettlementInfo(
            s.Epoch,
            s.Status,
            s.SettlementId,
            s.ReceiptsRoot,
            s.Recipients.ToList(),
            s.Amounts.ToList(),
            Total().ToString(CultureInfo.InvariantCulture),
            s.BaseUnitsPerCredit.ToString(CultureInfo.InvariantCulture),
            s.TransactionHash,
            s.Nonce,
            s.BlockNumber,
            s.Attempts,
            s.LastError,
            s.UpdatedAt);
    }
}
