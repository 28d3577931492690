using System.Numerics;

namespace Pictor.Chain;

/// <summary>A settlement transaction the node accepted, before any receipt: what a settler persists as "sent".</summary>
/// <param name="TransactionHash">Hash of the broadcast transaction.</param>
/// <param name="Nonce">The nonce it was signed with.</param>
public sealed record SettlementBroadcast(string TransactionHash, BigInteger Nonce);
