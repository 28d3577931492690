namespace Pictor.Chain;

/// <summary>A transaction was mined with status 0; <see cref="Exception.InnerException"/> holds the replayed revert, if any.</summary>
internal sealed class MinedRevertException(string transactionHash, Exception? revert)
    : Exception($"Transaction {transactionHash} was mined but reverted.", revert)
{
    public string TransactionHash { get; } = transactionHash;
}
