using Pictor.Grains.Ledger;

namespace Pictor.Grains.Tests.Ledger;

/// <summary>Freezes the first time the code reaches <see cref="Point"/>, as a process would that was about to be killed.</summary>
internal sealed class HangingLedgerFault(LedgerFaultPoint point) : ILedgerFaults
{
    private readonly TaskCompletionSource<string> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LedgerFaultPoint Point => point;

    /// <summary>Completes with the detail (e.g. the transaction hash) when the point is reached.</summary>
    public Task<string> Reached => _reached.Task;

    public async ValueTask InjectAsync(LedgerFaultPoint at, string detail, CancellationToken cancellationToken)
    {
        if (at == point && _reached.TrySetResult(detail))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
