using System.Diagnostics;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Nethereum.RPC.Eth.DTOs;
using Pictor.Chain.Token;

namespace Pictor.Chain;

/// <content>
/// Settling in two steps, so that a settler can persist the transaction between broadcast and receipt;
/// <see cref="SettleAsync"/> takes the same two steps back to back.
/// </content>
public sealed partial class PictorTokenService
{
    /// <summary>Broadcasts one settlement batch and returns as soon as the node accepted it.</summary>
    /// <param name="settlementId">Unique id of the batch; the contract mints an id at most once.</param>
    /// <param name="receiptsRoot">Commitment to the verified work receipts the batch pays for.</param>
    /// <param name="recipients">Accounts credited, one per line.</param>
    /// <param name="amounts">Amounts in base units (18 decimals), one per line.</param>
    /// <param name="cancellationToken">Stops waiting; a request already on the wire may still be accepted.</param>
    /// <returns>The transaction hash and nonce; persist them, then call <see cref="WaitForSettlementAsync"/>.</returns>
    /// <exception cref="SettlementRefusedException">
    /// Gas estimation reverted (e.g. <see cref="SettlementRefusal.AlreadySettled"/>); nothing was sent.
    /// </exception>
    /// <remarks>
    /// A settler that crashes after this returns and before it persisted the hash loses nothing: the
    /// transaction may still mint, and <see cref="GetSettlementAsync"/> finds it by settlement id.
    /// </remarks>
    public async Task<SettlementBroadcast> BroadcastSettlementAsync(
        Bytes32 settlementId,
        Bytes32 receiptsRoot,
        IReadOnlyList<WalletAddress> recipients,
        IReadOnlyList<BigInteger> amounts,
        CancellationToken cancellationToken = default)
    {
        var function = NewSettleFunction(settlementId, receiptsRoot, recipients, amounts);
        using var scope = _logger.BeginScope("Settlement {SettlementId}", settlementId);
        try
        {
            var (hash, nonce) = await SendSettlementAsync(settlementId, function, cancellationToken);
            return new SettlementBroadcast(hash, nonce);
        }
        catch (SettlementRefusedException)
        {
            // Only a refusal is counted here: any other outcome is counted by the wait that follows.
            ChainMetrics.Settlements.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
            throw;
        }
    }

    /// <summary>Reads a balance without an account to sign with.</summary>
    /// <param name="rpcUrl">JSON-RPC endpoint.</param>
    /// <param name="token">The token contract.</param>
    /// <param name="account">The account asked about.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The balance in base units (18 decimals).</returns>
    public static async Task<BigInteger> BalanceOfAsync(
        string rpcUrl, WalletAddress token, WalletAddress account, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rpcUrl);
        var output = await new Nethereum.Web3.Web3(rpcUrl).Eth.GetContractQueryHandler<BalanceOfFunction>()
            .QueryDeserializingToObjectAsync<BalanceOfOutput>(new BalanceOfFunction { Account = account.Value }, token.Value)
            .WaitAsync(cancellationToken);
        return output.Balance;
    }

    /// <summary>Waits until a broadcast settlement is mined and confirmed.</summary>
    /// <param name="settlementId">The settlement id the transaction carries (for logs and errors).</param>
    /// <param name="transactionHash">The hash <see cref="BroadcastSettlementAsync"/> returned.</param>
    /// <param name="cancellationToken">Stops waiting; the transaction may still be mined.</param>
    /// <returns>The hash and block of the confirmed transaction.</returns>
    /// <exception cref="SettlementRefusedException">
    /// The transaction was mined and reverted (e.g. another transaction with the same id minted first).
    /// </exception>
    /// <exception cref="TransactionUnconfirmedException">
    /// No confirmation within <see cref="PictorTokenOptions.ConfirmationTimeout"/>; the outcome is unknown: reconcile.
    /// </exception>
    public async Task<ConfirmedTransaction> WaitForSettlementAsync(
        Bytes32 settlementId, string transactionHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionHash);
        using var scope = _logger.BeginScope("Settlement {SettlementId}", settlementId);
        var receipt = await MeterSettlementAsync(
            () => ConfirmSettlementAsync(settlementId, transactionHash, cancellationToken), cancellationToken);
        return new ConfirmedTransaction(receipt.TransactionHash, (ulong)receipt.BlockNumber.Value);
    }

    /// <summary>The <c>settle</c> call for one batch.</summary>
    /// <remarks>
    /// The batch rules (lengths, zero ids, zero lines) are checked by the contract alone, so that there
    /// is one definition of a valid settlement; a breach costs one <c>eth_estimateGas</c>.
    /// </remarks>
    private static SettleFunction NewSettleFunction(
        Bytes32 settlementId,
        Bytes32 receiptsRoot,
        IReadOnlyList<WalletAddress> recipients,
        IReadOnlyList<BigInteger> amounts)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(amounts);
        return new SettleFunction
        {
            SettlementId = settlementId.ToArray(),
            ReceiptsRoot = receiptsRoot.ToArray(),
            Recipients = [.. recipients.Select(r => r.Value)],
            Amounts = [.. amounts],
        };
    }

    /// <summary>Signs and broadcasts a settlement; a revert in gas estimation becomes a refusal with nothing sent.</summary>
    private async Task<(string TransactionHash, BigInteger Nonce)> SendSettlementAsync(
        Bytes32 settlementId, SettleFunction function, CancellationToken cancellationToken)
    {
        try
        {
            return await _sender.SendAsync(function, cancellationToken);
        }
        catch (Exception revert) when (RevertClassifier.IsRevert(revert))
        {
            throw Refused(settlementId, revert, transactionHash: null);
        }
    }

    /// <summary>Waits for a broadcast settlement's receipt and confirmations; a mined revert becomes a refusal.</summary>
    private async Task<TransactionReceipt> ConfirmSettlementAsync(
        Bytes32 settlementId, string transactionHash, CancellationToken cancellationToken)
    {
        try
        {
            return await _sender.WaitForConfirmationAsync(transactionHash, cancellationToken);
        }
        catch (MinedRevertException mined)
        {
            throw Refused(settlementId, mined.InnerException, mined.TransactionHash);
        }
    }

    /// <summary>Counts and times one settlement attempt by its outcome: confirmed, refused, unconfirmed, cancelled or failed.</summary>
    private static async Task<TransactionReceipt> MeterSettlementAsync(
        Func<Task<TransactionReceipt>> settle, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var receipt = await settle();
            outcome = "confirmed";
            return receipt;
        }
        catch (SettlementRefusedException)
        {
            outcome = "refused";
            throw;
        }
        catch (TransactionUnconfirmedException)
        {
            outcome = "unconfirmed";
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            var tag = new KeyValuePair<string, object?>("outcome", outcome);
            ChainMetrics.Settlements.Add(1, tag);
            ChainMetrics.SettlementDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tag);
        }
    }
}
