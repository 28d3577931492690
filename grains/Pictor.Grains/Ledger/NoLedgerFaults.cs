namespace Pictor.Grains.Ledger;

/// <summary>The production <see cref="ILedgerFaults"/>: injects nothing.</summary>
public sealed class NoLedgerFaults : ILedgerFaults
{
    /// <inheritdoc/>
    public ValueTask InjectAsync(LedgerFaultPoint point, string detail, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
