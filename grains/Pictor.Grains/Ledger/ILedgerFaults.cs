namespace Pictor.Grains.Ledger;

/// <summary>
/// A test seam: called at each <see cref="LedgerFaultPoint"/>; throw to simulate a failure there, or never return to
/// simulate a hang.
/// </summary>
/// <remarks>
/// Production silos register <see cref="NoLedgerFaults"/>. Register another implementation after <c>AddPictorLedger</c>
/// to replace it.
/// </remarks>
public interface ILedgerFaults
{
    /// <summary>Called when the code reaches <paramref name="point"/>.</summary>
    /// <param name="point">Where.</param>
    /// <param name="detail">What is in flight (an epoch, a transaction hash).</param>
    /// <param name="cancellationToken">Cancelled when the calling grain deactivates.</param>
    /// <returns>A task that completes to let the code go on.</returns>
    ValueTask InjectAsync(LedgerFaultPoint point, string detail, CancellationToken cancellationToken);
}
