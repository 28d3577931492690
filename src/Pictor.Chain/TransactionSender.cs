using System.Numerics;
using Microsoft.Extensions.Logging;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Pictor.Chain;

/// <summary>Sends one contract transaction: estimate, reserve a nonce, broadcast, wait for confirmations.</summary>
internal sealed class TransactionSender(IWeb3 web3, WalletAddress sender, PictorTokenOptions options, INonceStore nonces, ILogger logger)
{
    /// <summary>Sends <paramref name="function"/> to the token and waits until it is confirmed.</summary>
    /// <exception cref="SmartContractCustomErrorRevertException">Gas estimation reverted; nothing was sent.</exception>
    /// <exception cref="MinedRevertException">The transaction was mined with status 0.</exception>
    /// <exception cref="TransactionUnconfirmedException">No confirmation within the timeout.</exception>
    public async Task<TransactionReceipt> SendAndConfirmAsync<TFunction>(TFunction function, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var (transactionHash, _) = await SendAsync(function, cancellationToken);
        return await WaitForConfirmationAsync(transactionHash, cancellationToken);
    }

    /// <summary>Estimates, reserves a nonce and broadcasts <paramref name="function"/>, without waiting for a receipt.</summary>
    /// <returns>The transaction hash and the nonce it was signed with.</returns>
    /// <exception cref="SmartContractCustomErrorRevertException">Gas estimation reverted; nothing was sent.</exception>
    public async Task<(string TransactionHash, BigInteger Nonce)> SendAsync<TFunction>(
        TFunction function, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var contract = options.ContractAddress.Value;
        var handler = web3.Eth.GetContractTransactionHandler<TFunction>();

        // Estimating first surfaces a revert (with its custom error) before a nonce is spent.
        var gas = await handler.EstimateGasAsync(contract, function).WaitAsync(cancellationToken);
        function.Gas = gas.Value;

        var pending = await web3.Eth.Transactions.GetTransactionCount
            .SendRequestAsync(sender.Value, BlockParameter.CreatePending()).WaitAsync(cancellationToken);
        var nonce = await nonces.ReserveAsync(sender, pending.Value, cancellationToken);
        function.Nonce = nonce;

        string transactionHash;
        try
        {
            transactionHash = await handler.SendRequestAsync(contract, function).WaitAsync(cancellationToken);
        }
        catch (RpcResponseException)
        {
            // The node answered and refused: the nonce was not used. Any other failure (timeout,
            // dropped connection, cancellation) may have been accepted, so its nonce is kept.
            await nonces.ReleaseAsync(sender, nonce, CancellationToken.None);
            throw;
        }

        logger.LogInformation("Broadcast {Function} as {TransactionHash} (nonce {Nonce}, gas {Gas})",
            typeof(TFunction).Name, transactionHash, nonce, gas.Value);
        return (transactionHash, nonce);
    }

    /// <summary>Polls until <paramref name="transactionHash"/> has the configured confirmations.</summary>
    public async Task<TransactionReceipt> WaitForConfirmationAsync(string transactionHash, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.ConfirmationTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked.Token;
        try
        {
            while (true)
            {
                var receipt = await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(transactionHash).WaitAsync(token);
                if (receipt is not null)
                {
                    if (receipt.Status?.Value == 0)
                    {
                        throw new MinedRevertException(transactionHash, await ReplayRevertAsync(transactionHash, token));
                    }

                    if (await IsConfirmedAsync(receipt, token))
                    {
                        return receipt;
                    }
                }

                await Task.Delay(options.PollInterval, token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(
                "{TransactionHash} not confirmed within {Timeout}; it may still be mined", transactionHash, options.ConfirmationTimeout);
            throw new TransactionUnconfirmedException(
                $"Transaction {transactionHash} did not reach {options.Confirmations} confirmation(s) within " +
                    $"{options.ConfirmationTimeout}; it may still be mined.",
                transactionHash);
        }
    }

    private async Task<bool> IsConfirmedAsync(TransactionReceipt receipt, CancellationToken token)
    {
        if (options.Confirmations <= 1)
        {
            return true;
        }

        var head = await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync().WaitAsync(token);
        if (head.Value - receipt.BlockNumber.Value + 1 < options.Confirmations)
        {
            return false;
        }

        // Deep enough on the chain we just read; make sure the receipt was not reorganised into
        // another block between the two reads.
        var again = await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(receipt.TransactionHash).WaitAsync(token);
        return again is not null && string.Equals(again.BlockHash, receipt.BlockHash, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Replays a reverted transaction in its block to recover the custom error.</summary>
    private async Task<Exception?> ReplayRevertAsync(string transactionHash, CancellationToken token)
    {
        try
        {
            var reason = await web3.Eth.GetContractTransactionErrorReason.SendRequestAsync(transactionHash).WaitAsync(token);
            return string.IsNullOrEmpty(reason) ? null : new SmartContractRevertException(reason, string.Empty);
        }
        catch (Exception exception) when (RevertClassifier.IsRevert(exception))
        {
            return exception;
        }
    }
}
