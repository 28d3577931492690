using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Pictor.Chain;
using Pictor.Contracts.Ledger;
using Pictor.Grains.Ledger;

namespace Pictor.Grains.Settlement;

/// <content>One step of the outbox: reconcile with the chain, wait on the last transaction, or send.</content>
public sealed partial class SettlementGrain
{
    /// <summary>One round: reconcile; else wait on the last transaction; else send.</summary>
    private async Task StepAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        var service = _service ??= chain.Connect(new GrainNonceStore(GrainFactory, chain.Options.ConfirmationTimeout));
        var id = Bytes32.FromHex(s.SettlementId);
        var record = await service.GetSettlementAsync(id, cancellationToken);
        if (record is not null)
        {
            await AcceptAsync(record, cancellationToken);
            return;
        }

        if (s.Status == SettlementStatus.Sent && s.TransactionHash.Length > 0
            && await AwaitMinedAsync(service, id, s.TransactionHash, cancellationToken))
        {
            return;
        }

        SettlementBroadcast sent;
        try
        {
            sent = await service.BroadcastSettlementAsync(
                id,
                Bytes32.FromHex(s.ReceiptsRoot),
                s.Recipients.Select(WalletAddress.Parse).ToList(),
                s.Amounts.Select(a => BigInteger.Parse(a, CultureInfo.InvariantCulture)).ToList(),
                cancellationToken);
        }
        catch (SettlementRefusedException refused) when (refused.Refusal == SettlementRefusal.AlreadySettled)
        {
            // The node's pending block already mints this id (a transaction of ours whose hash a crash lost, or another
            // activation's): wait for it to be mined, then reconcile again.
            await Task.Delay(chain.Options.PollInterval, cancellationToken);
            return;
        }

        await faults.InjectAsync(LedgerFaultPoint.AfterBroadcast, sent.TransactionHash, cancellationToken);
        s.Status = SettlementStatus.Sent;
        s.TransactionHash = sent.TransactionHash;
        s.Nonce = (long)sent.Nonce;
        s.SentTransactions.Add(sent.TransactionHash);
        s.UpdatedAt = clock.GetUtcNow();

        // Not cancellable: a hash that reached the node is worth keeping even while the activation goes away.
        await state.WriteStateAsync(CancellationToken.None);
        logger.LogInformation(
            "Settlement {Key} sent as {TransactionHash} (nonce {Nonce})", this.GetPrimaryKeyString(), sent.TransactionHash, sent.Nonce);
        await AwaitMinedAsync(service, id, sent.TransactionHash, cancellationToken);
    }

    /// <summary>
    /// Waits for a sent transaction; true once it is mined (minting, or refused because the id was minted), false when
    /// it timed out.
    /// </summary>
    private static async Task<bool> AwaitMinedAsync(
        PictorTokenService service, Bytes32 id, string transactionHash, CancellationToken cancellationToken)
    {
        try
        {
            await service.WaitForSettlementAsync(id, transactionHash, cancellationToken);
            return true;
        }
        catch (SettlementRefusedException refused) when (refused.Refusal == SettlementRefusal.AlreadySettled)
        {
            return true;
        }
        catch (TransactionUnconfirmedException)
        {
            return false;
        }
    }

    /// <summary>The chain holds the id: confirm it if it is the batch we planned and deep enough; flag it if it is not ours.</summary>
    private async Task AcceptAsync(SettlementRecord record, CancellationToken cancellationToken)
    {
        var s = state.State;
        var total = Total();
        if (record.ReceiptsRoot != Bytes32.FromHex(s.ReceiptsRoot) || record.Total != total || record.Count != s.Recipients.Count)
        {
            // The same id paid for a different batch: never send again, and make it loud.
            s.Status = SettlementStatus.Conflict;
            s.TransactionHash = record.TransactionHash;
            s.BlockNumber = (long)record.BlockNumber;
            s.LastError = $"the chain minted settlement {s.SettlementId} in {record.TransactionHash} with root {record.ReceiptsRoot}, " +
                $"total {record.Total}, {record.Count} line(s); this epoch planned root {s.ReceiptsRoot}, total {total}, " +
                $"{s.Recipients.Count} line(s)";
            s.UpdatedAt = clock.GetUtcNow();
            await state.WriteStateAsync(CancellationToken.None);
            logger.LogError("Settlement {Key} conflicts with the chain: {Error}", this.GetPrimaryKeyString(), s.LastError);
            return;
        }

        if (record.Confirmations < (ulong)chain.Options.Confirmations)
        {
            await Task.Delay(chain.Options.PollInterval, cancellationToken);
            return;
        }

        s.Status = SettlementStatus.Confirmed;
        s.TransactionHash = record.TransactionHash;
        s.BlockNumber = (long)record.BlockNumber;
        s.LastError = string.Empty;
        s.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync(CancellationToken.None);
        logger.LogInformation(
            "Settlement {Key} confirmed: {TransactionHash} in block {Block}, {Total} base units", this.GetPrimaryKeyString(),
            record.TransactionHash, record.BlockNumber, total);
    }

    private async Task RecordFailureAsync(Exception ex)
    {
        var s = state.State;
        s.Attempts++;
        s.LastError = ex.Message;
        s.UpdatedAt = clock.GetUtcNow();
        logger.LogWarning(ex, "Settlement {Key}: attempt failed; it will reconcile and retry", this.GetPrimaryKeyString());
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception write)
        {
            // The failure count is for operators; losing it changes nothing about what gets minted.
            logger.LogWarning(write, "Settlement {Key}: could not record the failure", this.GetPrimaryKeyString());
        }
    }
}
