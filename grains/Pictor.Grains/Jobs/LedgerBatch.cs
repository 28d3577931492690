using System.Diagnostics;
using Pictor.Contracts.Ledger;
using Pictor.Grains.Jobs.Dispatch;

namespace Pictor.Grains.Jobs;

/// <summary>Ledger writes a job has decided and not yet sent: pending credits, refusals and confirmations, in decision order.</summary>
/// <remarks>
/// The ledger's cost is per call (a tile-index claim and an epoch-page write each), so the job sends its credits in
/// batches rather than per work unit. A batch must be durable before anything that depends on it is: the job sends
/// it before it stores a frame (a stored frame makes its done-bits durable), when it has grown to
/// <see cref="GridOptions.LedgerBatchTiles"/> entries or <see cref="GridOptions.LedgerBatchDelay"/> old, and when the
/// job ends. A batch lost with its activation loses nothing that was durable: the frame it belonged to is rendered
/// again and credited then (credits are keyed by tile id, so never twice).
/// </remarks>
internal sealed class LedgerBatch
{
    private long _since;

    /// <summary>Credits to record, pending or paid.</summary>
    public List<CreditRequest> Credits { get; private set; } = [];

    /// <summary>Credit keys to refuse.</summary>
    public List<string> Reject { get; private set; } = [];

    /// <summary>Credit keys to confirm.</summary>
    public List<string> Confirm { get; private set; } = [];

    /// <summary>Entries waiting.</summary>
    public int Count => Credits.Count + Reject.Count + Confirm.Count;

    /// <summary>How long the oldest entry has waited.</summary>
    public TimeSpan Age => Count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_since);

    /// <summary>Adds what a verification step decided for the ledger.</summary>
    /// <param name="decision">The decision.</param>
    public void Add(VerificationDecision decision)
    {
        if (Count == 0)
        {
            _since = Stopwatch.GetTimestamp();
        }

        Credits.AddRange(decision.Credits);
        Reject.AddRange(decision.Reject);
        Confirm.AddRange(decision.Confirm);
    }

    /// <summary>Takes everything waiting, leaving the batch empty.</summary>
    /// <returns>The credits, refusals and confirmations.</returns>
    public (List<CreditRequest> Credits, List<string> Reject, List<string> Confirm) Take()
    {
        var taken = (Credits, Reject, Confirm);
        (Credits, Reject, Confirm) = ([], [], []);
        return taken;
    }
}
