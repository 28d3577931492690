using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Pictor.Chain.Token;

namespace Pictor.Chain;

/// <summary>Deploys <c>PictorToken</c>, mints settlements exactly once, and reads them back for reconciliation.</summary>
/// <remarks>
/// Exactly-once is the contract's job: it refuses a settlement id it has seen. This service adds the
/// waiting (receipt, confirmations, timeout), nonce handling through <see cref="INonceStore"/>, and
/// typed outcomes. Nethereum's RPC calls take no cancellation token; this service stops waiting when
/// cancelled, but a request already on the wire may still complete.
/// </remarks>
public sealed partial class PictorTokenService
{
    private static readonly TimeSpan DefaultDeployTimeout = TimeSpan.FromMinutes(2);

    private readonly PictorTokenOptions _options;
    private readonly Web3 _web3;
    private readonly TransactionSender _sender;
    private readonly ILogger _logger;

    /// <summary>Creates a service that signs with <paramref name="privateKeyHex"/>.</summary>
    /// <param name="options">Endpoint, contract and confirmation settings.</param>
    /// <param name="privateKeyHex">Private key of the settling account (needs <c>MINTER_ROLE</c> to settle).</param>
    /// <param name="nonceStore">
    /// Source of nonces; defaults to an <see cref="InMemoryNonceStore"/>. See <see cref="INonceStore"/> for why a grain
    /// should pass a durable one.
    /// </param>
    /// <param name="logger">Logger; defaults to none.</param>
    public PictorTokenService(
        PictorTokenOptions options, string privateKeyHex, INonceStore? nonceStore = null, ILogger<PictorTokenService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyHex);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Confirmations, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ConfirmationTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PollInterval, TimeSpan.Zero, nameof(options));
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var account = new Account(privateKeyHex, options.ChainId);
        _web3 = new Web3(account, options.RpcUrl);
        SenderAddress = WalletAddress.Parse(account.Address);
        _sender = new TransactionSender(_web3, SenderAddress, options, nonceStore ?? new InMemoryNonceStore(), _logger);
    }

    /// <summary>The account this service signs with.</summary>
    public WalletAddress SenderAddress { get; }

    /// <summary>The token contract this service talks to.</summary>
    public WalletAddress ContractAddress => _options.ContractAddress;

    /// <summary>Deploys a new <c>PictorToken</c>; the deploying account becomes admin and minter.</summary>
    /// <param name="rpcUrl">JSON-RPC endpoint.</param>
    /// <param name="privateKeyHex">Private key of the deploying account.</param>
    /// <param name="timeout">Longest wait for the deployment receipt; two minutes when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The address of the new contract.</returns>
    /// <exception cref="TimeoutException">No receipt within <paramref name="timeout"/>.</exception>
    public static async Task<WalletAddress> DeployAsync(
        string rpcUrl, string privateKeyHex, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rpcUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyHex);
        var account = new Account(privateKeyHex);
        var web3 = new Web3(account, rpcUrl);
        var deployment = new PictorTokenDeployment { Admin = account.Address, InitialMinter = account.Address };
        var limit = timeout ?? DefaultDeployTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            // Always with a token: without one Nethereum polls for the receipt forever.
            var receipt = await web3.Eth.GetContractDeploymentHandler<PictorTokenDeployment>()
                .SendRequestAndWaitForReceiptAsync(deployment, deadline.Token)
                .WaitAsync(deadline.Token);
            return WalletAddress.Parse(receipt.ContractAddress);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"PictorToken deployment got no receipt within {limit}.");
        }
    }

    /// <summary>Mints one settlement batch and waits for the configured confirmations.</summary>
    /// <param name="settlementId">Unique id of the batch; the contract mints an id at most once.</param>
    /// <param name="receiptsRoot">Commitment to the verified work receipts the batch pays for.</param>
    /// <param name="recipients">Accounts credited, one per line.</param>
    /// <param name="amounts">Amounts in base units (18 decimals), one per line.</param>
    /// <param name="cancellationToken">Stops waiting; a broadcast transaction may still be mined.</param>
    /// <returns>The hash of the confirmed transaction.</returns>
    /// <exception cref="SettlementRefusedException">
    /// The contract reverted (e.g. <see cref="SettlementRefusal.AlreadySettled"/>); nothing was minted by this call.
    /// </exception>
    /// <exception cref="TransactionUnconfirmedException">
    /// Broadcast but unconfirmed within <see cref="PictorTokenOptions.ConfirmationTimeout"/>; reconcile later.
    /// </exception>
    public async Task<string> SettleAsync(
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
            var receipt = await MeterSettlementAsync(
                async () =>
                {
                    var (transactionHash, _) = await SendSettlementAsync(settlementId, function, cancellationToken);
                    return await ConfirmSettlementAsync(settlementId, transactionHash, cancellationToken);
                },
                cancellationToken);
            _logger.LogInformation("Settled {Count} line(s) in {TransactionHash}, block {Block}",
                recipients.Count, receipt.TransactionHash, receipt.BlockNumber.Value);
            return receipt.TransactionHash;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(
                "Settlement {SettlementId} cancelled by the caller; a broadcast transaction may still be mined", settlementId);
            throw;
        }
    }

    /// <summary>Whether the contract has minted <paramref name="settlementId"/>.</summary>
    /// <param name="settlementId">The settlement id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>True once a settlement with that id has been mined.</returns>
    public Task<bool> IsSettledAsync(Bytes32 settlementId, CancellationToken cancellationToken = default) =>
        _web3.Eth.GetContractQueryHandler<IsSettledFunction>()
            .QueryAsync<bool>(ContractAddress.Value, new IsSettledFunction { SettlementId = settlementId.ToArray() })
            .WaitAsync(cancellationToken);

    /// <summary>Reads a settlement back from the chain: its <c>Settled</c> event, transaction and block.</summary>
    /// <param name="settlementId">The settlement id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The record, or null when the id has not been minted (as of the latest block).</returns>
    /// <remarks>
    /// The contract stores the block of each settlement, so the event is fetched from that one block
    /// rather than by scanning the chain. Compare <see cref="SettlementRecord.Confirmations"/> with the
    /// depth you trust before treating the record as final.
    /// </remarks>
    public async Task<SettlementRecord?> GetSettlementAsync(Bytes32 settlementId, CancellationToken cancellationToken = default)
    {
        var id = settlementId.ToArray();
        var blockNumber = await _web3.Eth.GetContractQueryHandler<SettledAtBlockFunction>()
            .QueryAsync<BigInteger>(ContractAddress.Value, new SettledAtBlockFunction { SettlementId = id })
            .WaitAsync(cancellationToken);
        if (blockNumber.IsZero)
        {
            return null;
        }

        var block = new BlockParameter(new HexBigInteger(blockNumber));
        var settled = _web3.Eth.GetEvent<SettledEventDTO>(ContractAddress.Value);
        // object[] on purpose: a bare byte[] binds to the T[] overload, which reads it as 32 alternative topics.
        var filter = settled.CreateFilterInput(new object[] { id }, block, block);
        var logs = await settled.GetAllChangesAsync(filter).WaitAsync(cancellationToken);
        if (logs.Count != 1)
        {
            throw new InvalidOperationException(
                $"The contract says settlement {settlementId} was minted in block {blockNumber}, but the node returned {logs.Count} " +
                    $"Settled log(s) for it there.");
        }

        var head = await _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync().WaitAsync(cancellationToken);
        var log = logs[0];
        return new SettlementRecord(
            settlementId,
            Bytes32.FromBytes(log.Event.ReceiptsRoot),
            log.Event.Total,
            (int)log.Event.Count,
            log.Log.TransactionHash,
            (ulong)blockNumber,
            (ulong)(head.Value - blockNumber + 1));
    }

    /// <summary>Balance of <paramref name="account"/> in base units (18 decimals).</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The balance.</returns>
    public async Task<BigInteger> BalanceOfAsync(WalletAddress account, CancellationToken cancellationToken = default)
    {
        var output = await _web3.Eth.GetContractQueryHandler<BalanceOfFunction>()
            .QueryDeserializingToObjectAsync<BalanceOfOutput>(new BalanceOfFunction { Account = account.Value }, ContractAddress.Value)
            .WaitAsync(cancellationToken);
        return output.Balance;
    }

    /// <summary>Grants <c>MINTER_ROLE</c> to <paramref name="account"/>; the signing account must be admin.</summary>
    /// <param name="account">The account that will be allowed to settle.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The hash of the confirmed transaction.</returns>
    public async Task<string> GrantMinterRoleAsync(WalletAddress account, CancellationToken cancellationToken = default)
    {
        var function = new GrantRoleFunction { Role = PictorTokenRoles.Minter.ToArray(), Account = account.Value };
        try
        {
            var receipt = await _sender.SendAndConfirmAsync(function, cancellationToken);
            _logger.LogInformation("Granted MINTER_ROLE to {Account} in {TransactionHash}", account, receipt.TransactionHash);
            return receipt.TransactionHash;
        }
        catch (MinedRevertException mined)
        {
            throw new InvalidOperationException(mined.Message, mined.InnerException);
        }
    }

    /// <summary>Whether <paramref name="account"/> holds <c>MINTER_ROLE</c>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>True when it may settle.</returns>
    public Task<bool> HasMinterRoleAsync(WalletAddress account, CancellationToken cancellationToken = default) =>
        _web3.Eth.GetContractQueryHandler<HasRoleFunction>()
            .QueryAsync<bool>(
                ContractAddress.Value, new HasRoleFunction { Role = PictorTokenRoles.Minter.ToArray(), Account = account.Value })
            .WaitAsync(cancellationToken);

    private SettlementRefusedException Refused(Bytes32 settlementId, Exception? revert, string? transactionHash)
    {
        var refusal = revert is null ? SettlementRefusal.Unknown : RevertClassifier.Classify(revert);
        _logger.LogWarning("Settlement {SettlementId} refused by the contract: {Refusal} (transaction {TransactionHash})",
            settlementId, refusal, transactionHash ?? "not sent");
        return new SettlementRefusedException(
            refusal,
            $"PictorToken refused settlement {settlementId}: {refusal}"
                + (transactionHash is null ? " (found in gas estimation; nothing was sent)" : $" (transaction {transactionHash})") + ".",
            transactionHash,
            revert);
    }
}
