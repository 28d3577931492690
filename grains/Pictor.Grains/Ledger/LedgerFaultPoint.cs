namespace Pictor.Grains.Ledger;

/// <summary>Places in the ledger and settlement code where a test can inject a crash.</summary>
public enum LedgerFaultPoint
{
    /// <summary>Credit or resolution claims are durable in the tile index; the journal entries are not written yet.</summary>
    AfterClaim,

    /// <summary>The journal entries are durable in the open epoch; the caller has not been answered.</summary>
    AfterCommit,

    /// <summary>The open epoch's grain has closed itself; the ledger has not recorded the close or opened the next epoch.</summary>
    AfterEpochClose,

    /// <summary>A settlement transaction was broadcast; its hash and nonce are not persisted yet.</summary>
    AfterBroadcast,
}
