namespace Pictor.Chain;

/// <summary>A transaction mined with status 1 and confirmed as deep as <see cref="PictorTokenOptions.Confirmations"/> asks.</summary>
/// <param name="TransactionHash">Hash of the transaction.</param>
/// <param name="BlockNumber">The block that holds it.</param>
public sealed record ConfirmedTransaction(string TransactionHash, ulong BlockNumber);
