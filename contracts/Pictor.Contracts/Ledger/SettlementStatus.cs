namespace Pictor.Contracts.Ledger;

/// <summary>Where an epoch's settlement is in its outbox: planned → sent → confirmed.</summary>
[GenerateSerializer, Alias("pictor.SettlementStatus")]
public enum SettlementStatus
{
    /// <summary>The epoch is not closed yet, so nothing is planned.</summary>
    None = 0,

    /// <summary>The batch is fixed and persisted; no transaction is known to be on its way.</summary>
    Planned = 1,

    /// <summary>A transaction was broadcast (hash and nonce persisted); its receipt is not confirmed yet.</summary>
    Sent = 2,

    /// <summary>The chain minted the batch under the epoch's settlement id, with the expected root, total and count. Final.</summary>
    Confirmed = 3,

    /// <summary>The epoch pays no wallet, so there is nothing to mint. Final.</summary>
    NothingToMint = 4,

    /// <summary>
    /// The chain holds the settlement id with a different root, total or count: a bug to investigate; never retried.
    /// Final.
    /// </summary>
    Conflict = 5,
}
