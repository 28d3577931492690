namespace Pictor.Chain;

/// <summary>A transaction was broadcast but not confirmed in time; it may still be mined.</summary>
/// <remarks>
/// The outcome is unknown, not failed. For a settlement, reconcile with
/// <see cref="PictorTokenService.GetSettlementAsync"/> later; sending the same settlement id again is
/// safe because the contract mints an id at most once.
/// </remarks>
public sealed class TransactionUnconfirmedException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="transactionHash">The broadcast transaction.</param>
    public TransactionUnconfirmedException(string message, string transactionHash)
        : base(message) => TransactionHash = transactionHash;

    /// <summary>Hash of the broadcast transaction.</summary>
    public string TransactionHash { get; }
}
