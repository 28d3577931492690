using Pictor.Grains.Ledger;

namespace Pictor.Grains.Tests.Ledger;

/// <summary>
/// Throws at <see cref="Point"/> on every <see cref="Period"/>-th time the ledger reaches it, from the
/// <see cref="Offset"/>-th on.
/// </summary>
internal sealed class EveryNthLedgerFault(LedgerFaultPoint point, int period, int offset) : ILedgerFaults
{
    private int _reached;
    private int _thrown;

    public LedgerFaultPoint Point => point;

    public int Period => period;

    public int Offset => offset;

    public int Thrown => Volatile.Read(ref _thrown);

    public ValueTask InjectAsync(LedgerFaultPoint at, string detail, CancellationToken cancellationToken)
    {
        if (at == point && Interlocked.Increment(ref _reached) % period == offset)
        {
            Interlocked.Increment(ref _thrown);
            throw new InvalidOperationException($"injected fault at {at}");
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Several fault hooks at once.</summary>
internal sealed class LedgerFaultSet(params ILedgerFaults[] faults) : ILedgerFaults
{
    public async ValueTask InjectAsync(LedgerFaultPoint point, string detail, CancellationToken cancellationToken)
    {
        foreach (var fault in faults)
        {
            await fault.InjectAsync(point, detail, cancellationToken);
        }
    }
}
