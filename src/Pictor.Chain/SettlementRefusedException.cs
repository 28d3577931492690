namespace Pictor.Chain;

/// <summary>The token contract reverted a settlement; no tokens were minted by this call.</summary>
public sealed class SettlementRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="refusal">Why the contract refused.</param>
    /// <param name="message">What happened.</param>
    /// <param name="transactionHash">The mined, reverted transaction; null when refused before broadcast.</param>
    /// <param name="innerException">The Nethereum revert exception, carrying the raw error data.</param>
    public SettlementRefusedException(SettlementRefusal refusal, string message, string? transactionHash, Exception? innerException)
        : base(message, innerException)
    {
        Refusal = refusal;
        TransactionHash = transactionHash;
    }

    /// <summary>Why the contract refused.</summary>
    public SettlementRefusal Refusal { get; }

    /// <summary>Hash of the reverted transaction, or null when the revert showed in gas estimation and nothing was sent.</summary>
    public string? TransactionHash { get; }
}
